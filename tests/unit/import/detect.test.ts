import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { detectFormat } from '../../../src/import/detect.ts';
import { importSource } from '../../../src/import/import.ts';
import { repoRoot, seedPath } from '../../helpers/project.ts';

function fixture(relative: string): string {
  return readFileSync(path.join(repoRoot, 'tests/fixtures/import', relative), 'utf8');
}

describe('detectFormat: the fixtures of each importer', () => {
  const cases: [string, string, string | undefined][] = [
    ['shanghai-cooperation-organization.txt', readFileSync(seedPath, 'utf8'), 'scrape'],
    ['wordpress-classic.html', fixture('html/wordpress-classic.html'), 'html'],
    ['ghost.html', fixture('html/ghost.html'), 'html'],
    ['2013-09-12-not-quite-the-new-silk-road.md', fixture('markdown/_posts/2013-09-12-not-quite-the-new-silk-road.md'), 'markdown'],
    ['hugo-post.md', fixture('markdown/hugo-post.md'), 'markdown'],
    ['unterminated.md', fixture('markdown/unterminated.md'), 'markdown'],
    ['steppe-notes.wordpress.xml', fixture('wxr/steppe-notes.wordpress.xml'), 'wxr'],
    ['empty.wordpress.xml', fixture('wxr/empty.wordpress.xml'), 'wxr'],
    // Not well-formed, but plainly a WordPress export: its importer says where it breaks.
    ['invalid.wordpress.xml', fixture('wxr/invalid.wordpress.xml'), 'wxr'],
    ['oxus-notes.ghost.json', fixture('ghost/oxus-notes.ghost.json'), 'ghost'],
    ['oxus-notes.min.ghost.json', fixture('ghost/oxus-notes.min.ghost.json'), 'ghost'],
    ['invalid.ghost.json', fixture('ghost/invalid.ghost.json'), 'ghost'],
    ['not-ghost.json', fixture('ghost/not-ghost.json'), undefined],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name} → ${expected ?? 'unknown'}`, () => {
      assert.equal(detectFormat(name, text), expected);
    });
  }
});

describe('detectFormat: the name decides first, the content for other names', () => {
  it('reads an XHTML page saved as .html as HTML, though it opens like XML', () => {
    const xhtml = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>';
    assert.equal(detectFormat('post.html', xhtml), 'html');
    assert.equal(detectFormat('post.xhtml', xhtml), 'html');
    assert.equal(detectFormat('post', xhtml), 'html');
  });

  it('does not take any JSON with a "data" or "posts" key for a Ghost export', () => {
    assert.equal(detectFormat('api.json', '{"data": [{"id": 1}], "links": {}}'), undefined);
    assert.equal(detectFormat('stats.json', '{"posts": [{"title": "x"}]}'), undefined);
    assert.equal(detectFormat('references.json', '[{"id": "pantucci2013", "type": "article"}]'), undefined);
    assert.equal(detectFormat('ghost-1.0.json', '{"meta": {"exported_on": 1400000000000, "version": "003"}, "data": {"posts": []}}'), 'ghost');
  });

  it('does not take other XML for a WordPress export', () => {
    assert.equal(detectFormat('drawing.xml', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'), undefined);
    assert.equal(detectFormat('feed.xml', '<?xml version="1.0"?>\n<?xml-stylesheet href="feed.xsl"?>\n<rss version="2.0"><channel></channel></rss>'), 'wxr');
  });

  it('tells a .txt scrape from Markdown that happens to be named .txt', () => {
    assert.equal(detectFormat('post.txt', '---\ntitle: A post\n---\n\nText.'), 'markdown');
    assert.equal(detectFormat('post.txt', '+++\ntitle = "A post"\n+++\n\nText.'), 'markdown');
    assert.equal(detectFormat('post.txt', '--- a line of dashes and words\nText.'), 'scrape');
    assert.equal(detectFormat('archive.txt', 'The SCO Turns Twenty\nBy Raffaello Pantucci\n\nText.'), 'scrape');
  });

  it('sniffs the content of a file with no telling name', () => {
    assert.equal(detectFormat('export', fixture('ghost/oxus-notes.min.ghost.json')), 'ghost');
    assert.equal(detectFormat('export', fixture('wxr/steppe-notes.wordpress.xml')), 'wxr');
    assert.equal(detectFormat('page', '<!DOCTYPE html><html><body></body></html>'), 'html');
    assert.equal(detectFormat('page', '<!-- saved from url=(0042)https://example.org/ -->\n<html><body></body></html>'), 'html');
    assert.equal(detectFormat('post', '---\ntitle: A post\n---\nText.'), 'markdown');
    assert.equal(detectFormat('notes', 'Plain words.'), 'scrape');
    assert.equal(detectFormat('widget', '<widget size="2"></widget>'), undefined);
    assert.equal(detectFormat('data', '{"name": "x"}'), undefined);
  });
});

describe('importSource on an unknown JSON file', () => {
  it('says it cannot tell the format, at line 1, and imports nothing', () => {
    const file = new VFile({ path: 'tests/fixtures/import/ghost/not-ghost.json', value: fixture('ghost/not-ghost.json') });
    const result = importSource(file, { defaultAuthor: undefined });
    assert.equal(result.format, undefined);
    assert.deepEqual(result.chapters, []);
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, message.line, message.fatal]),
      [['import-unknown-format', 1, true]],
    );
  });
});
