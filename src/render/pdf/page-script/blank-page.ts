import { type Chunker, emptyChunker, type Paged, type Requirement } from './pagedjs.ts';

/** What `addBlankPage` calls of Paged.js. */
export function blankPageRequirements(paged: Paged | undefined): Requirement[] {
  const prototype = (paged?.Chunker.prototype ?? {}) as Record<string, unknown>;
  const hooks = emptyChunker(paged).hooks ?? {};
  return [
    ['Paged.Chunker.prototype.addPage', typeof prototype.addPage === 'function'],
    ['Paged.Chunker.prototype.emit', typeof prototype.emit === 'function'],
    ...(['beforePageLayout', 'afterPageLayout', 'finalizePage'] as const).map(
      (hook): Requirement => [`Paged.Chunker hook ${hook}`, typeof hooks[hook]?.trigger === 'function'],
    ),
  ];
}

/** A blank verso after a chunk that ends on a recto, as Chunker.handleBreaks adds for `break-before: right`. */
export async function addBlankPage(chunker: Chunker): Promise<void> {
  const page = chunker.addPage(true);
  await chunker.hooks.beforePageLayout?.trigger(page, undefined, undefined, chunker);
  chunker.emit('page', page);
  await chunker.hooks.afterPageLayout?.trigger(page.element, page, undefined, chunker);
  await chunker.hooks.finalizePage?.trigger(page.element, page, undefined, chunker);
  chunker.pagesArea.style.setProperty('--pagedjs-page-count', String(chunker.total));
}
