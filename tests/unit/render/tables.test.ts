import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import { VFile } from 'vfile';
import type { Chapter } from '../../../src/core/types.ts';
import { parseChapter } from '../../../src/load/chapter.ts';
import { chapterBodyToHast } from '../../../src/render/common.ts';

describe('a Markdown table’s column alignment', () => {
  it('is a class, not the align attribute HTML made obsolete and EPUB’s XHTML does not allow', () => {
    const file = new VFile({
      path: 'chapters/a.md',
      value: '---\ntitle: A\nauthors: [Jane Smith]\n---\n\n| Year | Members | Note |\n|---:|:---:|---|\n| 2001 | 6 | founding |\n',
    });
    const parsed = parseChapter(file);
    assert.ok(parsed);
    const chapter = { ...parsed, slug: 'a', path: 'chapters/a.md', number: 1 } as unknown as Chapter;
    const html = toHtml(chapterBodyToHast(chapter, { idPrefix: '', notesHeading: 'Notes' }));
    assert.doesNotMatch(html, /\balign=/);
    assert.match(html, /<th class="align-right">Year<\/th>\n<th class="align-center">Members<\/th>\n<th>Note<\/th>/);
    assert.match(html, /<td class="align-right">2001<\/td>\n<td class="align-center">6<\/td>\n<td>founding<\/td>/);
  });
});
