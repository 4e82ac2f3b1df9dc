import { hasErrors } from '../core/rules.ts';
import { loadBuildableBook } from '../pipeline/build.ts';
import { exitCodes } from './errors.ts';
import type { Ui } from './ui.ts';

/** `anthology check`: validates config, chapters, notes and the edition records without writing anything. */
export async function checkCommand(projectDir: string, ui: Ui): Promise<number> {
  const { files, book } = await loadBuildableBook(projectDir);
  ui.report(files);
  const warnings = files.reduce((count, file) => count + file.messages.filter((message) => message.fatal === false).length, 0);
  if (!book || hasErrors(files)) {
    ui.error('the book has errors (see above)');
    return exitCodes.content;
  }
  const notes = book.chapters.reduce((count, chapter) => count + chapter.tree.children.filter((node) => node.type === 'footnoteDefinition').length, 0);
  const images = book.images?.size ?? 0;
  ui.info(
    `ok: ${book.chapters.length} chapters, ${notes} notes, ${images} image${images === 1 ? '' : 's'}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`,
  );
  return exitCodes.ok;
}
