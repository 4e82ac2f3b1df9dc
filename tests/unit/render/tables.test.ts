import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import { VFile } from 'vfile';
import type { Chapter } from '../../../src/core/types.ts';
import { parseChapter } from '../../../src/load/chapter.ts';
import { chapterBodyToHast, chapterFileLink } from '../../../src/render/common.ts';

describe('a Markdown table’s column alignment', () => {
  it('is a class, not the align attribute HTML made obsolete and EPUB’s XHTML does not allow', () => {
    const file = new VFile({
      path: 'chapters/a.md',
      value: '---\ntitle: A\nauthors: [Jane Smith]\n---\n\n| Year | Members | Note |\n|---:|:---:|---|\n| 2001 | 6 | founding |\n',
    });
    const parsed = parseChapter(file);
    assert.ok(parsed);
    const chapter = { ...parsed, slug: 'a', path: 'chapters/a.md', number: 1 } as unknown as Chapter;
    const html = toHtml(chapterBodyToHast(chapter, { idPrefix: '', notesHeading: 'Notes', chapterLink: chapterFileLink('html') }));
    assert.doesNotMatch(html, /\balign=/);
    assert.match(html, /<th class="align-right">Year<\/th>\n<th class="align-center">Members<\/th>\n<th>Note<\/th>/);
    assert.match(html, /<td class="align-right">2001<\/td>\n<td class="align-center">6<\/td>\n<td>founding<\/td>/);
  });
});

function bodyHtml(body: string): string {
  const file = new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\nauthors: [Jane Smith]\n---\n\n${body}\n` });
  const parsed = parseChapter(file);
  assert.ok(parsed);
  const chapter = { ...parsed, slug: 'a', path: 'chapters/a.md', number: 1 } as unknown as Chapter;
  return toHtml(chapterBodyToHast(chapter, { idPrefix: '', notesHeading: 'Notes', chapterLink: chapterFileLink('html') }));
}

describe('what axe-core and Ace asked of imported posts', () => {
  it('a header cell with no words is a data cell (LWN’s tables, lwn-1.html: axe empty-table-header)', () => {
    const html = bodyHtml('| By changesets |  |  |\n|---|--:|--:|\n| Michael Stahl | 5,156 | 11.4% |');
    assert.match(html, /<th>By changesets<\/th>\n<td class="align-right"><\/td>\n<td class="align-right"><\/td>/);
  });

  it('a task list’s checkbox is labelled by its item’s words (axe and Ace: label, critical)', () => {
    assert.match(
      bodyHtml('- [ ] Environment variables configured\n- [x] Database migrations run'),
      /<li class="task-list-item"><label><input type="checkbox" disabled> Environment variables configured<\/label><\/li>\n<li class="task-list-item"><label><input type="checkbox" checked disabled> Database migrations run<\/label><\/li>/,
    );
    const loose = bodyHtml('- [ ] One **bold** step\n\n  More.\n\n  - [x] Nested');
    assert.match(loose, /<li class="task-list-item">\n<p><label><input type="checkbox" disabled> One <strong>bold<\/strong> step<\/label><\/p>/);
    assert.match(loose, /<label><input type="checkbox" checked disabled> Nested<\/label>/);
  });
});
