import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { naturalOrderName } from '../../../../src/core/names.ts';
import { readByline } from '../../../../src/import/byline.ts';
import { extractArticle } from '../../../../src/import/html/extract-article.ts';
import { asName, splitNames } from '../../../../src/import/text.ts';
import { fixtureDir } from './helpers.ts';

const body = `<p>${'Today we are bringing a new way of working to the canvas, and this paragraph says what it is and why it matters to the people who use it. '.repeat(5)}</p><p>${'A second paragraph goes on about the same thing at some length, so that the page has an article to find. '.repeat(5)}</p>`;

/** A saved page: the article's title, its text and whatever `extra` markup stands near it. */
function page(extra: string, head = ''): string {
  return `<html><head><title>Introducing Codex to Figma</title>${head}</head><body><article><h1>Introducing Codex to Figma</h1>${body}${extra}</article></body></html>`;
}

function authorsOf(html: string): string[] {
  return extractArticle(html, new VFile({ path: 'page.html', value: html }))?.authors ?? [];
}

// The Figma blog's newsletter box, verbatim (kepano/defuddle@6de16345, tests/fixtures/general--www.figma.com-blog-introducing-codex-to-figma.html, MIT).
const figmaForm =
  '<form novalidate=""><div class="fig-ry1ngy"><h2 class="fig-y0iii4">Subscribe to Figma’s editorial newsletter</h2><div class="fig-79elbk"><div class="fig-79elbk"><div class="fig-cn7ej2"><label for="_R_16dakl2tbsnqius6aivb_" class="fig-ja30an">Enter email<span>*</span></label><input aria-invalid="false" autocomplete="email" id="_R_16dakl2tbsnqius6aivb_" type="email" required="" placeholder="Enter email" class="fig-vws9s4" name="email"></div><button aria-label="Submit" type="submit" class="fig-1wbphq0"></button></div><div style="visibility:visible"><div class="fig-emehdj"><label for="_R_9lakl2tbsnqius6aivb_" class="fig-1fhtmn7">I agree to opt-in to Figma\'s mailing list.<span>*</span></label><input id="_R_9lakl2tbsnqius6aivb_" type="checkbox" aria-invalid="false" required="" class="fig-1pvpfny" name="legal"><div class="fig-g4ux4v"></div></div><div class="fig-1923g1"><p>By clicking “Subscribe” you agree to our <a href="https://www.figma.com/tos/">TOS</a> and <a href="https://www.figma.com/privacy/">Privacy Policy</a>.</p></div></div></div></div></form>';
const consentLine =
  '<p>By clicking “Subscribe” you agree to our <a href="https://www.figma.com/tos/">TOS</a> and <a href="https://www.figma.com/privacy/">Privacy Policy</a>.</p>';

describe('page furniture is no byline', () => {
  it('Figma’s newsletter box (“By clicking “Subscribe” you agree to our TOS and Privacy Policy”) credits nobody', () => {
    assert.deepEqual(authorsOf(page(figmaForm)), []);
  });

  it('“By clicking …”, “By continuing …” is an instruction wherever it stands; “By Sterling Hayden” is a byline', () => {
    assert.deepEqual(authorsOf(page(consentLine)), []);
    assert.deepEqual(readByline('By clicking “Subscribe” you agree to our TOS and Privacy Policy.').authors, []);
    assert.deepEqual(readByline('By continuing to use this site you agree to our Cookie Policy').authors, []);
    // A byline before such fine print is still read, up to it.
    assert.deepEqual(readByline('By Jane Doe. By continuing to read you agree to cookies').authors, ['Jane Doe']);
    assert.deepEqual(readByline('Posted by Jane Doe | by using this site').authors, ['Jane Doe']);
    assert.deepEqual(readByline('By signing up, you agree to the Terms of Service').authors, []);
    assert.deepEqual(readByline('By Sterling Hayden').authors, ['Sterling Hayden']);
  });

  it('a sign-up form’s lines are no byline even when they look like one', () => {
    assert.deepEqual(authorsOf(page('<form><p>By Jane Doe</p><input type="email"></form>')), []);
    assert.deepEqual(authorsOf(page('<p class="byline">By Jane Doe</p>')), ['Jane Doe']);
  });

  it('legal pages are not names: TOS, Privacy Policy, Terms of Service, Cookie Policy', () => {
    for (const words of ['TOS', 'Privacy Policy', 'Terms of Service', 'Terms of Use', 'Cookie Policy', 'Datenschutzerklärung', 'Impressum'])
      assert.equal(asName(words), undefined, words);
  });
});

describe('a Blogger footer whose profile hides its name', () => {
  // adbar/trafilatura@e90b0ef5 tests/eval/abookshelffullofsunshine.blogspot.com.interview.html: the post block as published.
  const post = readFileSync(path.join(fixtureDir, 'bylines/blogger-unknown-author.html'), 'utf8');
  const bloggerPage = (block: string) =>
    `<html><head><title>A Bookshelf Full Of Sunshine: (News) Viertes eigenes Blog-Interview: Dieses Mal mit Anne Lück</title><meta content='A Bookshelf Full Of Sunshine' property='og:site_name'/></head><body><div class='blog-posts hfeed'>${block}</div></body></html>`;

  it('“Eingestellt von Unknown”, then share buttons and labels: no author (not “BlogThis!”, “Endless Life”, “Interview”, “Lück”, “News”)', () => {
    assert.ok(post.includes("<span itemprop='name'>Unknown</span>") && post.includes('BlogThis!') && post.includes('Labels:'));
    assert.deepEqual(authorsOf(bloggerPage(post)), []);
  });

  it('the same footer with a name shown: that name alone', () => {
    assert.deepEqual(authorsOf(bloggerPage(post.replace("<span itemprop='name'>Unknown</span>", "<span itemprop='name'>Anne Lück</span>"))), ['Anne Lück']);
  });

  it('Blogger’s placeholders are nobody: Unknown, Anonymous, Unbekannt', () => {
    for (const placeholder of ['Unknown', 'Anonymous', 'Unbekannt', 'Anonyme'])
      assert.deepEqual(readByline(`Eingestellt von ${placeholder}`).authors, [], placeholder);
  });

  it('a byline ends at its line, unless the next line goes on with the list; labels are never names', () => {
    assert.deepEqual(readByline('Posted by Jane Doe\nBlogThis! Share to Twitter\nLabels: Endless Life, Interview').authors, ['Jane Doe']);
    assert.deepEqual(readByline('Posted by Jane Doe Labels: Endless Life, Interview').authors, ['Jane Doe']);
    assert.deepEqual(authorsOf(page('<p class="byline">By Jane Doe<br>and John Roe</p>')), ['Jane Doe', 'John Roe']);
  });
});

describe('names written family name first', () => {
  it('<meta name="DC.Creator" content="Jong, Michiel de"> is Michiel de Jong, one person (mozilla/readability test page ietf-1)', () => {
    // The two tags as the IETF's rfcmarkup writes them (mozilla/readability@ab4027a8 test/test-pages/ietf-1/source.html, Apache-2.0).
    const head = '<meta name="DC.Creator" content="Kooman, F." />\n<meta name="DC.Creator" content="Jong, Michiel de" />';
    assert.deepEqual(authorsOf(page('', head)), ['F. Kooman', 'Michiel de Jong']);
  });

  it('citation_author holds one person a tag: `García Márquez, Gabriel` is one name', () => {
    assert.deepEqual(authorsOf(page('', '<meta name="citation_author" content="García Márquez, Gabriel">')), ['Gabriel García Márquez']);
    assert.deepEqual(authorsOf(page('', '<meta name="citation_author" content="Jane Doe, John Roe">')), ['Jane Doe', 'John Roe']);
  });

  it('naturalOrderName: family first → reading order; two people, a suffix or an affiliation are not one inverted name', () => {
    assert.equal(naturalOrderName('Jong, Michiel de'), 'Michiel de Jong');
    assert.equal(naturalOrderName('de Jong, Michiel'), 'Michiel de Jong');
    assert.equal(naturalOrderName('Kooman, F.'), 'F. Kooman');
    assert.equal(naturalOrderName('Tolkien, J.R.R.'), 'J.R.R. Tolkien');
    assert.equal(naturalOrderName('Jane Doe, John Roe'), undefined);
    assert.equal(naturalOrderName('Roe, Jr.'), undefined);
    assert.equal(naturalOrderName('Stephen Collinson, CNN'), undefined);
    assert.equal(naturalOrderName('García Márquez, Gabriel'), undefined);
    assert.equal(naturalOrderName('García Márquez, Gabriel', { onePerson: true }), 'Gabriel García Márquez');
    // In a byline, a one-word name then two given names is two people, and an agency no family name.
    assert.deepEqual(splitNames('AP, John Smith'), ['AP', 'John Smith']);
    assert.deepEqual(splitNames('Lennon, Paul McCartney'), ['Lennon', 'Paul McCartney']);
    assert.equal(naturalOrderName('Smith, J. R.'), 'J. R. Smith');
  });

  it('Pelican’s `Authors: Author, First; Author, Second; Author, First`: semicolons part the people (getpelican/pelican test content)', () => {
    assert.deepEqual(splitNames('Author, First; Author, Second; Author, First'), ['First Author', 'Second Author']);
    assert.deepEqual(splitNames('Smith, John; Doe, Jane'), ['John Smith', 'Jane Doe']);
    assert.deepEqual(splitNames('Jane Doe; John Roe and Ann Lee'), ['Jane Doe', 'John Roe', 'Ann Lee']);
  });
});

describe('a byline that names only the site', () => {
  // The Planetary Press (adbar/trafilatura@e90b0ef5 tests/cache/theplanetarypress.com.forestlands.html, Apache-2.0): the theme's
  // byline credits the site's account; the post's first lines say who wrote it.
  const themeByline =
    '<div class="td-post-author-name"><div class="td-author-by">By</div> <a href="https://www.theplanetarypress.com/author/wildlyeco/">The Planetary Press</a><div class="td-author-line"> - </div> </div>';
  const written =
    '<p><em>Courtesy of Forests News </em></p><p><em>Written by: <a href="https://forestsnews.cifor.org/63537/management-of-intact-forestlands-by-indigenous-peoples-key-to-protecting-climate?fnl=en">Julie Mollins</a> </em></p>';
  const planetary = (text: string) =>
    `<html><head><meta property="og:site_name" content="The Planetary Press" /><title>Management of Intact Forestlands</title></head><body><article><h1 class="entry-title">Management of Intact Forestlands</h1>${themeByline}${text}${body}</article></body></html>`;

  it('gives way to “Written by: Julie Mollins” in the text', () => {
    assert.deepEqual(authorsOf(planetary(written)), ['Julie Mollins']);
  });

  it('without one, there is no author (the site is no writer)', () => {
    assert.deepEqual(authorsOf(planetary('')), []);
  });

  it('`By:`, `Written by:`, `Author:`, `Posted by:` read as their forms without a colon', () => {
    for (const cue of ['By:', 'Written by:', 'Author:', 'Posted by:', 'Von:'])
      assert.deepEqual(readByline(`${cue} Julie Mollins`).authors, ['Julie Mollins'], cue);
  });

  it('a menu’s link to the site’s `/people/` page is no author’s page', () => {
    const menu = '<ul><li><a href="https://www.theplanetarypress.com/people/">People</a></li></ul>';
    assert.deepEqual(authorsOf(planetary(menu)), []);
  });
});
