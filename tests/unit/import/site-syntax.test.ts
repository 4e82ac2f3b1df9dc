import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withoutSiteSyntax } from '../../../src/import/markdown/site-syntax.ts';

// The snippets are lines of posts in tests/corpus/markdown (Eleventy, Hugo, the Go blog, Data Carpentry).
describe('site-generator syntax in Markdown', () => {
  test('a Liquid highlight block becomes a fenced code block, line for line', () => {
    const source = ['Run:', '', '{% highlight "bash" %}', 'npm install @11ty/eleventy@beta', '{% endhighlight %}', ''].join('\n');
    const { text, changes } = withoutSiteSyntax(source);
    assert.equal(text, ['Run:', '', '```bash', 'npm install @11ty/eleventy@beta', '```', ''].join('\n'));
    assert.deepEqual(
      changes.map((change) => [change.line, change.whole]),
      [
        [3, false],
        [5, false],
      ],
    );
  });

  test('Hugo figure shortcodes and Go image templates become pictures; caption markup is dropped', () => {
    const { text } = withoutSiteSyntax(
      [
        '{{< figure src="np59m8Z.png" caption="Revisión del paquete rOpenSci: lo que imaginaba"  alt="emoji avergonzado" >}}',
        `{{< figure src="/img/a.jpg" width="70%" caption="<a href='https://x'><i class='fab'></i></a>Juliana Ballufi-Fry" >}}`,
        '{{image "go-fonts/go-regular.png" 600}}',
      ].join('\n'),
    );
    assert.deepEqual(text.split('\n'), [
      '![emoji avergonzado](<np59m8Z.png> "Revisión del paquete rOpenSci: lo que imaginaba")',
      '![](</img/a.jpg> "Juliana Ballufi-Fry")',
      '![](<go-fonts/go-regular.png>)',
    ]);
  });

  test('heading ids, kramdown attribute lists and site URLs go; code is left alone (Liquid in code is code, except raw tags: see real-post-syntax.test.ts)', () => {
    const source = [
      '## Developer sentiment {#sentiment}',
      '{: .notice}',
      '[home]({{ site.baseurl }}/about/)',
      '```',
      '## Not a heading {#keep}',
      '{% include note.html %}',
      '```',
    ].join('\n');
    const { text, changes } = withoutSiteSyntax(source);
    assert.deepEqual(text.split('\n'), ['## Developer sentiment', '', '[home](/about/)', '```', '## Not a heading {#keep}', '{% include note.html %}', '```']);
    assert.equal(changes.find((change) => change.line === 2)?.whole, true);
  });

  test('other tags and shortcodes are dropped and embeds are flagged as possibly lossy; a notice box is quoted', () => {
    const { text, changes } = withoutSiteSyntax(
      ['{{< youtube dQw4w9WgXcQ >}}', '{% include toc.html %}', '{{% notice %}}', 'Kept.', '{{% /notice %}}'].join('\n'),
    );
    assert.deepEqual(text.split('\n'), ['', '', '', '> Kept.', '']);
    assert.deepEqual(
      changes.map((change) => [change.line, change.lossy]),
      [
        [1, true],
        [2, true],
        [3, false],
        [5, false],
      ],
    );
  });

  test('a front-matter line stranded after the body (Markdown would make it a heading) is dropped', () => {
    const source = [
      'Have you considered upgrading your soft(ware) skills lately?',
      '',
      '',
      'redirect_from: /blog/soft-skills/',
      '---',
      '[1] As it turns out…',
    ].join('\n');
    const { text, changes } = withoutSiteSyntax(source);
    assert.deepEqual(text.split('\n').slice(3, 5), ['', '']);
    assert.deepEqual(
      changes.map((change) => change.line),
      [4, 5],
    );
    // Prose that happens to contain a colon is not touched.
    assert.equal(withoutSiteSyntax('Note: this matters\n---').changes.length, 0);
  });

  test('a link to another page of the site keeps its words, without the address only the site had, and is reported', () => {
    // al-folio's _posts/2023-07-12-post-bibliography.md (MIT), and Hugo's ref/relref shortcodes.
    const { text, changes } = withoutSiteSyntax(
      [
        'This is a [distill style post]({% post_url 2018-12-22-distill %}) and [another]({{ site.baseurl }}{% post_url 2019-01-01-x %}#top).',
        'See [the glossary]({{< ref "glossary.md" >}}) or [this]({{< relref "/posts/b" >}}), and [the web](https://example.org).',
      ].join('\n'),
    );
    assert.deepEqual(text.split('\n'), ['This is a distill style post and another.', 'See the glossary or this, and [the web](https://example.org).']);
    const crossLinks = changes.filter((change) => change.reason.startsWith('a link to another page'));
    assert.deepEqual(
      crossLinks.map((change) => [change.line, change.lossy]),
      [
        [1, true],
        [2, true],
      ],
    );
    assert.match(crossLinks[0]?.reason ?? '', /\{% post_url 2018-12-22-distill %\}, \{% post_url 2019-01-01-x %\}/);
  });

  test('nothing before `fromLine` (the front matter) is touched', () => {
    const source = ['---', 'layout: post', '---', '', 'Body {: .x}'].join('\n');
    assert.deepEqual(withoutSiteSyntax(source, 4).text.split('\n'), ['---', 'layout: post', '---', '', 'Body']);
  });
});
