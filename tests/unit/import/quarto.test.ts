import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertEveryLineAccounted, fateOf, importFixture, lineOf } from '../../helpers/import.ts';

// Two posts of Danielle Navarro's Quarto blog (djnavarro/quarto-blog, CC BY): executable R chunks
// with `#|` options, a Mastodon post embedded in raw HTML, and a callout whose heading is its title.
const dir = 'tests/fixtures/import/real/quarto-blog';

function rulesAt(file: { messages: { ruleId?: string | null | undefined; line?: number | null | undefined }[] }, rule: string) {
  return file.messages.filter((message) => message.ruleId === rule).map((message) => message.line);
}

describe('Quarto code chunks (djnavarro, “A little ANSI trickery”)', () => {
  const { file, result, markdown, sourceLines } = importFixture(dir, '2023-06-14_ansi-tricks.qmd');
  const body = markdown[0] ?? '';
  const lines = result.lines;

  it('a chunk the post did not show (`#| include: false`) is left out, and its lines say why', () => {
    assert.doesNotMatch(body, /cache_images <- TRUE/);
    assert.doesNotMatch(body, /#\| include: false/);
    const setup = lineOf(sourceLines, 'cache_images <- TRUE');
    assert.match(fateOf(lines, setup, false), /^dropped:a code chunk \(r\) with include: false/);
  });

  it('a shown chunk is code in its engine’s language, without its option lines', () => {
    assert.match(body, /```r\nrainbow_strip <- function\(\) \{/);
    assert.match(body, /```asciicast\n# this is an asciicast chunk/);
    // Braces stay only in the three chunks shown with their fences (`echo: fenced`).
    assert.equal(body.match(/```\{/g)?.length, 3);
  });

  it('`echo: fenced` shows the chunk with its fence, as the post did (the text says “with the quarto code fencing shown”)', () => {
    assert.match(body, /````\n```\{r\}\nrainbow_strip\(\)\n```\n````/);
    assert.doesNotMatch(body, /echo: fenced/);
  });

  it('the output the chunks printed is not in the source: one warning names the chunks that ran', () => {
    const [line] = rulesAt(file, 'import-code-output');
    assert.equal(line, lineOf(sourceLines, '```{r}', 3));
    const message = file.messages.find((item) => item.ruleId === 'import-code-output');
    assert.match(String(message?.reason), /^9 code chunks were run/);
  });

  it('the Mastodon post embedded in an iframe is reported where it stood, its line not counted as kept', () => {
    const frame = lineOf(sourceLines, '<iframe src="https://fosstodon.org');
    const warning = file.messages.find((message) => message.ruleId === 'import-site-syntax' && message.line === frame);
    assert.match(String(warning?.reason), /fosstodon\.org\/@djnavarro\/110540314955265024\/embed/);
    assert.match(fateOf(lines, frame, false), /^dropped:/);
  });

  it('accounts for every line', () => assertEveryLineAccounted(lines, sourceLines));
});

describe('Quarto callouts (djnavarro, “Everything I know about Mastodon”)', () => {
  const { result, markdown, sourceLines } = importFixture(dir, '2022-11-03_what-i-know-about-mastodon.qmd');
  const body = markdown[0] ?? '';

  it('a callout is a block quote; the heading opening it is its title in bold, not a section of the chapter', () => {
    assert.match(body, /> \*\*Content warning: trans rights, sexual assault\*\*\n>\n> I'll give examples relevant to my own experience\./);
    assert.doesNotMatch(body, /^## Content warning/m);
    // The paragraph after the callout is outside it again.
    assert.match(body, /raped\.\n\nSo if you're thinking about posting about these topics/);
    const opening = lineOf(sourceLines, ':::{.callout-warning collapse="true"}');
    assert.match(fateOf(result.lines, opening, false), /^dropped:Quarto callout \(callout-warning\)/);
    assert.equal(fateOf(result.lines, opening + 1, false), 'kept:body');
  });

  it('accounts for every line', () => assertEveryLineAccounted(result.lines, sourceLines));
});

describe('Pandoc raw blocks (djnavarro, “Deploying R with kubernetes”)', () => {
  const { file, result, markdown, sourceLines } = importFixture(dir, '2023-01-10_kubernetes.qmd');
  const body = markdown[0] ?? '';

  it('a ```{=html} block is the markup the page showed (a linked picture), not code', () => {
    assert.doesNotMatch(body, /\{=html\}|<a href="https:\/\/donut/);
    assert.match(body, /::figure\{remote="https:\/\/donut\.djnavarro\.net"\}/);
    const line = lineOf(sourceLines, '<a href="https://donut.djnavarro.net">');
    assert.ok(file.messages.some((message) => message.ruleId === 'import-remote-image' && message.line === line));
  });

  it('accounts for every line', () => assertEveryLineAccounted(result.lines, sourceLines));
});
