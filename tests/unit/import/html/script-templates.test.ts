import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../../src/import/chapter-markdown.ts';
import { importHtml } from '../../../../src/import/html/import-html.ts';
import { messagesOf } from './helpers.ts';

/** The shape of adbar/trafilatura tests/eval/security.googleblog.com.protection.html: the post is a script template, with a noscript copy. */
function googleBlogPage(template: string): string {
  const post = [
    '<span class="byline-author">Posted by Nathan Parker, Varun Khaneja, Eric Mill and Kiran C Nair - Chrome Safe Browsing team',
    '</span>',
    '<p>',
    'Over the past few years we&#8217;ve seen threats on the web becoming increasingly sophisticated. Phishing sites rotate domains very quickly to avoid being blocked, and malware campaigns are directly targeting at-risk users.',
    '</p>',
    '<p>',
    '<strong>Building upon Safe Browsing</strong>',
    '</p>',
    '<p>',
    'Safe Browsing&#8217;s blocklist API is an existing security protocol that protects billions of devices worldwide. Every day, Safe Browsing discovers thousands of new unsafe sites and adds them to the blocklist API.',
    '</p>',
    template,
  ].join('\n');
  return [
    '<!DOCTYPE html>',
    '<html><head><title>Google Online Security Blog: Enhanced Safe Browsing Protection now available in Chrome</title>',
    "<meta content='Google Online Security Blog' property='og:site_name'/></head>",
    "<body><div class='post'><h2 class='title'>Enhanced Safe Browsing Protection now available in Chrome</h2>",
    "<div class='post-header'><div class='published'><span class='publishdate'>May 19, 2020</span></div></div>",
    "<div class='post-body'>",
    "<div class='post-content' itemprop='articleBody'>",
    "<script type='text/template'>",
    post,
    '                        </script>',
    '<noscript>',
    post,
    '</noscript>',
    '</div></div></div></body></html>',
  ].join('\n');
}

function imported(html: string) {
  const file = new VFile({ path: 'security.googleblog.com.html', value: html });
  const result = importHtml(file, { defaultAuthor: undefined });
  const piece = result.pieces[0];
  return { file, piece, markdown: piece ? bodyToMarkdown(piece.body) : '' };
}

describe('a post written in a script template (Google’s Blogger themes)', () => {
  it('reads the template as the post, once, with its byline’s four authors', () => {
    const { file, piece, markdown } = imported(googleBlogPage(''));
    assert.deepEqual(messagesOf(file, 'import-no-article'), []);
    assert.ok(piece);
    assert.equal(piece.meta.title, 'Enhanced Safe Browsing Protection now available in Chrome');
    assert.deepEqual(piece.meta.authors, ['Nathan Parker', 'Varun Khaneja', 'Eric Mill', 'Kiran C Nair']);
    assert.match(markdown, /^Over the past few years we’ve seen threats/);
    assert.match(markdown, /\*\*Building upon Safe Browsing\*\*/);
    assert.equal(markdown.match(/Over the past few years/g)?.length, 1, 'the noscript copy is not added again');
    assert.doesNotMatch(markdown, /Posted by/);
  });

  it('keeps the template’s places in the page: a picture in it is reported at its own line', () => {
    const { file } = imported(googleBlogPage('<p><img src="https://example.org/chart.png" alt="Chart"></p>'));
    // Line 8 opens the script; the picture is the template's 12th line.
    assert.equal(messagesOf(file, 'import-remote-image')[0]?.line, 8 + 12);
  });

  it('sanitises the template’s HTML as any other', () => {
    const { markdown } = imported(
      googleBlogPage(
        '<p>Tail.<img src="x.png" onerror="alert(1)"><a href="javascript:alert(2)">link</a></p><script>alert(3)</script><iframe src="https://evil.example"></iframe>',
      ),
    );
    assert.doesNotMatch(markdown, /alert|javascript:|onerror|iframe/);
  });
});
