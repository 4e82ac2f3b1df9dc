import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  type PDFObject,
  PDFObjectCopier,
  PDFPage,
  type PDFPageLeaf,
  PDFRef,
} from 'pdf-lib';
import type { PaginationReport } from './page-script/types.ts';
import type { FolioStyle, PdfMetadata } from './protocol.ts';

/** One chunk as the paginator printed it, its PDF parsed (`parseChunkPdf`). */
export interface PrintedChunk {
  pdf: PDFDocument;
  report: PaginationReport;
  folioStyle: FolioStyle;
  firstPageNumber: number;
}

/**
 * Merges the chunks' PDFs into the book, in order, and adds what no single chunk could know:
 * links between chunks (and within them: Chromium's named destinations do not survive merging),
 * the outline, page labels matching the printed folios, trim boxes, one structure tree for the
 * tagged text, and the metadata.
 */
/**
 * Parses a chunk's PDF as Chromium printed it. The paginator calls it as each chunk is printed,
 * while the others are still being laid out, so that merging at the end has less to do.
 */
export function parseChunkPdf(bytes: Uint8Array): Promise<PDFDocument> {
  // pdf-lib yields to the event loop every 100 objects by default, which only slows it down here.
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: Number.POSITIVE_INFINITY });
}

export async function assemblePdf(chunks: readonly PrintedChunk[], metadata: PdfMetadata): Promise<Uint8Array> {
  const book = await PDFDocument.create({ updateMetadata: false });
  const pages: PDFPage[] = [];
  const structure = new StructureMerger(book);
  for (const chunk of chunks) {
    const source = chunk.pdf;
    if (source.getPageCount() !== chunk.report.pageCount) {
      throw new Error(`a chunk laid out ${chunk.report.pageCount} pages but Chromium printed ${source.getPageCount()}`);
    }
    const copier = PDFObjectCopier.for(source.context, book.context);
    const offset = structure.add(source, copier);
    for (const sourcePage of source.getPages()) {
      const ref = copier.copy(sourcePage.ref);
      const leaf = book.context.lookup(ref) as PDFPageLeaf;
      structure.renumberPage(leaf, offset);
      const page = PDFPage.of(leaf, ref, book);
      book.addPage(page);
      pages.push(page);
    }
  }
  structure.finish();

  const located = locateChunks(chunks);
  setTrimBoxes(located, pages);
  addLinks(located, pages, book);
  addOutline(located, pages, book);
  setPageLabels(located, book);
  setMetadata(book, metadata);
  return book.save({ useObjectStreams: true, objectsPerTick: Number.POSITIVE_INFINITY });
}

interface LocatedChunk {
  chunk: PrintedChunk;
  /** Index of the chunk's first page in the book. */
  firstIndex: number;
}

function locateChunks(chunks: readonly PrintedChunk[]): LocatedChunk[] {
  let firstIndex = 0;
  return chunks.map((chunk) => {
    const located = { chunk, firstIndex };
    firstIndex += chunk.report.pageCount;
    return located;
  });
}

/** With bleed the page is larger than the trim: printers need the TrimBox (and BleedBox). */
function setTrimBoxes(chunks: readonly LocatedChunk[], pages: readonly PDFPage[]): void {
  for (const { chunk, firstIndex } of chunks) {
    chunk.report.pages.forEach((box, index) => {
      const page = pages[firstIndex + index];
      if (!page || (box.trim.width >= box.width - 0.5 && box.trim.height >= box.height - 0.5)) return;
      const { height } = page.getSize();
      page.setBleedBox(0, 0, page.getWidth(), height);
      page.setTrimBox(box.trim.x, height - box.trim.y - box.trim.height, box.trim.width, box.trim.height);
    });
  }
}

interface Destination {
  page: PDFPage;
  x: number;
  /** From the bottom of the page, as PDF counts. */
  y: number;
}

function destinations(chunks: readonly LocatedChunk[], pages: readonly PDFPage[]): Map<string, Destination> {
  const found = new Map<string, Destination>();
  for (const { chunk, firstIndex } of chunks) {
    for (const anchor of chunk.report.anchors) {
      const page = pages[firstIndex + anchor.page];
      if (!page || found.has(anchor.id)) continue;
      found.set(anchor.id, { page, x: anchor.x, y: page.getHeight() - anchor.y });
    }
  }
  return found;
}

function destinationArray(book: PDFDocument, destination: Destination): PDFArray {
  return book.context.obj([destination.page.ref, PDFName.of('XYZ'), PDFNumber.of(Math.max(0, destination.x)), PDFNumber.of(destination.y), PDFNull]);
}

function addLinks(chunks: readonly LocatedChunk[], pages: readonly PDFPage[], book: PDFDocument): void {
  const targets = destinations(chunks, pages);
  for (const { chunk, firstIndex } of chunks) {
    for (const link of chunk.report.links) {
      const page = pages[firstIndex + link.page];
      const target = targets.get(link.target);
      if (!page || !target) continue;
      const height = page.getHeight();
      const annotation = book.context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [link.rect.x, height - link.rect.y - link.rect.height, link.rect.x + link.rect.width, height - link.rect.y],
        Border: [0, 0, 0],
        Dest: destinationArray(book, target),
      });
      const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? book.context.obj([]);
      annotations.push(book.context.register(annotation));
      page.node.set(PDFName.of('Annots'), annotations);
    }
  }
}

interface OutlineItem {
  title: string;
  level: number;
  destination: Destination;
  children: OutlineItem[];
}

/** Nests the entries by level: a chapter (2) under the part (1) before it. */
export function nestOutline<T extends { level: number; children: T[] }>(entries: readonly T[]): T[] {
  const roots: T[] = [];
  const open: T[] = [];
  for (const entry of entries) {
    while (open.length > 0 && (open.at(-1)?.level ?? 0) >= entry.level) open.pop();
    const parent = open.at(-1);
    if (parent) parent.children.push(entry);
    else roots.push(entry);
    open.push(entry);
  }
  return roots;
}

function addOutline(chunks: readonly LocatedChunk[], pages: readonly PDFPage[], book: PDFDocument): void {
  const entries: OutlineItem[] = [];
  for (const { chunk, firstIndex } of chunks) {
    for (const entry of chunk.report.outline) {
      const page = pages[firstIndex + entry.page];
      if (!page) continue;
      entries.push({ title: entry.title, level: entry.level, destination: { page, x: 0, y: page.getHeight() - entry.y }, children: [] });
    }
  }
  if (entries.length === 0) return;
  const outlinesRef = book.context.nextRef();
  const count = writeOutlineItems(nestOutline(entries), outlinesRef, book);
  book.context.assign(outlinesRef, book.context.obj({ Type: 'Outlines', First: count.first, Last: count.last, Count: count.total }));
  book.catalog.set(PDFName.of('Outlines'), outlinesRef);
  book.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** Writes one level of outline items (and their children); returns its first and last refs and the item count. */
function writeOutlineItems(items: readonly OutlineItem[], parent: PDFRef, book: PDFDocument): { first: PDFRef; last: PDFRef; total: number } {
  const refs = items.map(() => book.context.nextRef());
  let total = 0;
  items.forEach((item, index) => {
    const ref = refs[index] as PDFRef;
    const dict = new Map<PDFName, PDFObject>([
      [PDFName.of('Title'), PDFHexString.fromText(item.title)],
      [PDFName.of('Parent'), parent],
      [PDFName.of('Dest'), destinationArray(book, item.destination)],
    ]);
    const previous = refs[index - 1];
    const next = refs[index + 1];
    if (previous) dict.set(PDFName.of('Prev'), previous);
    if (next) dict.set(PDFName.of('Next'), next);
    total += 1;
    if (item.children.length > 0) {
      const children = writeOutlineItems(item.children, ref, book);
      dict.set(PDFName.of('First'), children.first);
      dict.set(PDFName.of('Last'), children.last);
      dict.set(PDFName.of('Count'), PDFNumber.of(children.total));
      total += children.total;
    }
    book.context.assign(ref, PDFDict.fromMapWithContext(dict, book.context));
  });
  return { first: refs[0] as PDFRef, last: refs.at(-1) as PDFRef, total };
}

/** Page labels, so that viewers show `iii` and `12` as the pages print them. */
function setPageLabels(chunks: readonly LocatedChunk[], book: PDFDocument): void {
  const nums: PDFObject[] = [];
  let previous: { style: FolioStyle; next: number } | undefined;
  for (const { chunk, firstIndex } of chunks) {
    const continues = previous && previous.style === chunk.folioStyle && previous.next === chunk.firstPageNumber;
    if (!continues) {
      nums.push(PDFNumber.of(firstIndex), book.context.obj({ S: chunk.folioStyle === 'lower-roman' ? 'r' : 'D', St: chunk.firstPageNumber }));
    }
    previous = { style: chunk.folioStyle, next: chunk.firstPageNumber + chunk.report.pageCount };
  }
  book.catalog.set(PDFName.of('PageLabels'), book.context.obj({ Nums: nums }));
}

function setMetadata(book: PDFDocument, metadata: PdfMetadata): void {
  book.setTitle(metadata.title, { showInWindowTitleBar: true });
  book.setAuthor(metadata.authors.join('; '));
  if (metadata.subject) book.setSubject(metadata.subject);
  if (metadata.keywords.length > 0) book.setKeywords(metadata.keywords);
  book.setCreator(metadata.creator);
  book.setProducer('pdf-lib (merging the chapters Chromium printed)');
  book.setCreationDate(metadata.date);
  book.setModificationDate(metadata.date);
  book.setLanguage(metadata.language);
}

/**
 * Chromium tags each chunk's text (`--export-tagged-pdf`): a structure tree whose elements point
 * at marked content on the chunk's pages through each page's /StructParents key. Merging keeps
 * every chunk's elements under one Document element and shifts their keys so they stay unique.
 */
class StructureMerger {
  private readonly kids: PDFRef[] = [];
  private readonly nums: PDFObject[] = [];
  private nextKey = 0;
  private readonly documentRef: PDFRef;

  constructor(private readonly book: PDFDocument) {
    this.documentRef = book.context.nextRef();
  }

  /** Copies a chunk's structure tree; returns the offset to add to its pages' keys. */
  add(source: PDFDocument, copier: PDFObjectCopier): number {
    const offset = this.nextKey;
    const root = source.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
    if (!root) return offset;
    for (const kid of this.topElements(source, root)) {
      // Cut the link to the chunk's own Document element first, or the copier would bring it along.
      source.context.lookup(kid, PDFDict).set(PDFName.of('P'), PDFNull);
      const copied = copier.copy(kid);
      this.book.context.lookup(copied, PDFDict).set(PDFName.of('P'), this.documentRef);
      this.kids.push(copied);
    }
    const parentTree = root.lookupMaybe(PDFName.of('ParentTree'), PDFDict);
    const nums = parentTree?.lookupMaybe(PDFName.of('Nums'), PDFArray);
    let highest = -1;
    for (let index = 0; nums && index + 1 < nums.size(); index += 2) {
      const key = nums.lookup(index, PDFNumber).asNumber();
      highest = Math.max(highest, key);
      this.nums.push(PDFNumber.of(key + offset), copier.copy(nums.get(index + 1)));
    }
    const next = root.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? highest + 1;
    this.nextKey = offset + Math.max(next, highest + 1);
    return offset;
  }

  renumberPage(leaf: PDFPageLeaf, offset: number): void {
    if (offset === 0) return;
    const key = leaf.lookupMaybe(PDFName.of('StructParents'), PDFNumber);
    if (key) leaf.set(PDFName.of('StructParents'), PDFNumber.of(key.asNumber() + offset));
    const annotations = leaf.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let index = 0; annotations && index < annotations.size(); index++) {
      const annotation = annotations.lookupMaybe(index, PDFDict);
      const parent = annotation?.lookupMaybe(PDFName.of('StructParent'), PDFNumber);
      if (annotation && parent) annotation.set(PDFName.of('StructParent'), PDFNumber.of(parent.asNumber() + offset));
    }
  }

  finish(): void {
    if (this.kids.length === 0) return;
    const context = this.book.context;
    const rootRef = context.nextRef();
    context.assign(this.documentRef, context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: this.kids }));
    context.assign(
      rootRef,
      context.obj({ Type: 'StructTreeRoot', K: this.documentRef, ParentTree: context.obj({ Nums: this.nums }), ParentTreeNextKey: this.nextKey }),
    );
    this.book.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
    this.book.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  }

  /** The children of the chunk's Document element (or the root's kids when there is none). */
  private topElements(source: PDFDocument, root: PDFDict): PDFRef[] {
    const refsOf = (value: PDFObject | undefined): PDFRef[] => {
      if (value instanceof PDFRef) return [value];
      if (value instanceof PDFArray) return value.asArray().filter((item): item is PDFRef => item instanceof PDFRef);
      return [];
    };
    const top = refsOf(root.get(PDFName.of('K')));
    const only = top.length === 1 && top[0] ? source.context.lookupMaybe(top[0], PDFDict) : undefined;
    if (only && only.get(PDFName.of('S')) === PDFName.of('Document')) return refsOf(only.get(PDFName.of('K')));
    return top;
  }
}
