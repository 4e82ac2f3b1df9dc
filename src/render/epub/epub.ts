import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toXast } from 'hast-util-to-xast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { toXml } from 'xast-util-to-xml';
import { interfaceWords, isEnglish } from '../../core/interface-words.ts';
import { contentKey, type Memo, noMemo } from '../../core/memo.ts';
import type { Book, Chapter, DeferredOutputFiles, ImageFile, OutputFiles } from '../../core/types.ts';
import { generatedIds } from '../../load/links.ts';
import type { RenderAssets } from '../assets.ts';
import { type ChapterFrame, chapterFrame, chapterKey, frameKey } from '../chapter-frame.ts';
import {
  chapterBodyToHast,
  chapterFileLink,
  chapterOpening,
  chapterReferencesWithIds,
  editorsLine,
  escapeXml,
  linkChapterCitations,
  referenceEntries,
  safeId,
  screenIdPrefix,
  walkElements,
} from '../common.ts';
import { typographicCover } from '../cover.ts';
import { editionName, editionNoteLines, editionNoteTitle } from '../edition.ts';
import { figuresOf, imageOf, screenFigureImage } from '../figures.ts';
import { acknowledgementLines, contributorEntries, copyrightLines } from '../matter.ts';
import { contributorsOf } from '../pdf/contributors.ts';
import { lowerRoman } from '../pdf/folios.ts';
import { titleHast, titleText } from '../title.ts';
import { type PageBreak, pageBreakElement, pageListNav } from './page-list.ts';
import { withoutExternalDtd } from './svg-doctype.ts';

/** Where the print edition's pages start, when the PDF was built first (`build` makes it so). */
export interface PrintPages {
  breaks: PageBreak[];
}

/** One XHTML document of the book, in reading order. */
interface Document {
  id: string;
  /** Path inside `EPUB/`. */
  href: string;
  title: string;
  language: string;
  body: ElementContent[];
  /**
   * The whole document's XHTML, made when it is written, in place of `body`: a chapter's, asked of
   * the memo by all it shows, so that only one chapter's tree is in memory at a time.
   */
  made?: () => string;
  /** The nav's entry as plain text, as the NCX gives it (omitted: not listed in the contents). */
  tocLabel?: string;
  /** The nav's entry with a title's inline markup (`title.ts`), where it has some. */
  tocHast?: ElementContent[];
  landmark?: { type: string; label: string };
  properties?: string;
  /** A part's chapters sit under it in the contents. */
  children?: Document[];
}

/**
 * Renders the book as the files of an EPUB 3 container (mimetype first). `packEpub` zips them.
 * Everything is derived from the book (and the print pages, when given), so the same input gives
 * the same bytes. The front and back matter are the PDF's: cover, title page, copyright page,
 * contents, the note on this edition (from the second), contributors, acknowledgements, the
 * chapters by part, bibliography. A chapter's document is asked of `memo` by its chapter, frame
 * (`chapter-frame.ts`) and print page breaks; the rest list the whole book and are made every time.
 */
export function renderEpub(book: Book, assets: RenderAssets, printPages?: PrintPages, memo: Memo = noMemo): OutputFiles {
  return new Map([...renderEpubDeferred(book, assets, printPages, memo)].map(([name, content]) => [name, typeof content === 'function' ? content() : content]));
}

/**
 * `renderEpub`'s files, each document of the book's body made only when asked for (`packEpub`
 * deflates a few at a time): a 1,000-chapter book's XHTML, ~26 MB, is never held whole.
 */
export function renderEpubDeferred(book: Book, assets: RenderAssets, printPages?: PrintPages, memo: Memo = noMemo): DeferredOutputFiles {
  const files: DeferredOutputFiles = new Map();
  const language = book.config.language;
  files.set('mimetype', 'application/epub+zip');
  files.set(
    'META-INF/container.xml',
    `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`,
  );
  files.set('EPUB/css/book.css', assets.epubCss);
  const cover = coverImage(book);
  files.set(`EPUB/${cover.path}`, withoutExternalDtd(cover).bytes);
  const images = epubImages(book);
  for (const image of images) files.set(`EPUB/${image.path}`, withoutExternalDtd(image).bytes);

  const documents = bookDocuments(book, cover, printPages, memo);
  const flat = documents.flatMap((document) => [document, ...(document.children ?? [])]);
  for (const document of flat) {
    files.set(
      `EPUB/${document.href}`,
      document.made ?? xhtml(document.title, document.language, document.body, document.href === 'text/cover.xhtml' ? 'cover' : undefined),
    );
  }
  files.set('EPUB/nav.xhtml', xhtml(interfaceWords(language)('contents'), language, navBody(book, documents, printPages), 'nav'));
  files.set('EPUB/toc.ncx', ncx(book, documents, printPages));
  files.set('EPUB/package.opf', packageDocument(book, flat, cover, images, printPages));
  return files;
}

/** The cover the editor named, else the typographic one. */
function coverImage(book: Book): ImageFile {
  if (book.cover) return { ...book.cover.epub, path: `images/cover-${book.cover.epub.path.slice('images/'.length)}` };
  return { path: 'images/cover.svg', mediaType: 'image/svg+xml', bytes: new TextEncoder().encode(typographicCover(book)) };
}

/** The figures' pictures, once each, in reading order. */
function epubImages(book: Book): ImageFile[] {
  const seen = new Map<string, ImageFile>();
  for (const chapter of book.chapters) {
    for (const figure of figuresOf(chapter.tree, chapter.path)) {
      const image = imageOf(book.images, figure.location);
      if (image && !seen.has(image.epub.path)) seen.set(image.epub.path, image.epub);
    }
  }
  return [...seen.values()];
}

function bookDocuments(book: Book, cover: ImageFile, printPages: PrintPages | undefined, memo: Memo): Document[] {
  return [
    ...frontMatterDocuments(book, cover, printPages),
    ...matterDocuments(book),
    ...bodyDocuments(book, printPages, memo),
    ...(book.bibliography ? [bibliographyDocument(book.config.language, book.bibliography, memo)] : []),
  ];
}

/** Cover, title page and copyright page. */
function frontMatterDocuments(book: Book, cover: ImageFile, printPages: PrintPages | undefined): Document[] {
  const { config } = book;
  const language = config.language;
  const words = interfaceWords(language);
  return [
    {
      id: 'cover',
      href: 'text/cover.xhtml',
      title: words('cover'),
      language,
      landmark: { type: 'cover', label: words('cover') },
      body: [h('section.cover', { 'epub:type': 'cover' }, [h('img', { src: `../${cover.path}`, alt: coverAlt(book) })])],
    },
    {
      id: 'titlepage',
      href: 'text/titlepage.xhtml',
      title: words('titlePage'),
      language,
      tocLabel: words('titlePage'),
      landmark: { type: 'titlepage', label: words('titlePage') },
      body: [
        h('section.title-page', { 'epub:type': 'titlepage', 'aria-label': words('titlePage') }, [
          h('h1.book-title', titleHast(config.title)),
          ...(config.subtitle ? [h('p.subtitle', titleHast(config.subtitle))] : []),
          h('p.editors', editorsLine(book)),
          h('p.publisher', config.publisher),
        ]),
      ],
    },
    {
      id: 'imprint',
      href: 'text/imprint.xhtml',
      title: words('copyright'),
      language,
      tocLabel: words('copyright'),
      body: [
        h('section.copyright-page', { 'epub:type': 'copyright-page', 'aria-labelledby': 'imprint-heading' }, [
          h('h2.sr-only#imprint-heading', words('copyright')),
          ...copyrightLines(book, undefined),
          ...(printPages ? [h('p', 'The page numbers of the print edition are marked in the text and listed in the navigation.')] : []),
        ]),
      ],
    },
  ];
}

/** The note on this edition, contributors and acknowledgements, each when the book has any. */
function matterDocuments(book: Book): Document[] {
  const documents: Document[] = [];
  const editionNote = editionNoteLines(book);
  if (editionNote.length > 0) documents.push(matterDocument(book, 'edition-note', editionNoteTitle, 'preface', editionNote));
  const contributors = contributorsOf(book);
  if (contributors.length > 0) {
    documents.push(
      matterDocument(
        book,
        'contributors',
        interfaceWords(book.config.language)('contributors'),
        'contributors',
        contributorEntries(book, contributors, (chapter) => `../${chapterPath(chapter)}`),
      ),
    );
  }
  const acknowledgements = acknowledgementLines(book);
  if (acknowledgements.length > 0) {
    documents.push(matterDocument(book, 'acknowledgements', interfaceWords(book.config.language)('acknowledgements'), 'acknowledgments', acknowledgements));
  }
  return documents;
}

/** The chapters in reading order, each titled part a document holding its chapters; the first chapter starts the content. */
function bodyDocuments(book: Book, printPages: PrintPages | undefined, memo: Memo): Document[] {
  const frame = chapterFrame(book);
  // Each chapter's print page breaks, in their order, grouped once (not a scan of every break per chapter).
  const breaksOf = new Map<string, PageBreak[]>();
  for (const pageBreak of printPages?.breaks ?? []) {
    const chapterBreaks = breaksOf.get(pageBreak.chapter) ?? [];
    chapterBreaks.push(pageBreak);
    breaksOf.set(pageBreak.chapter, chapterBreaks);
  }
  const documents: Document[] = [];
  let partNumber = 0;
  let first = true;
  for (const part of book.parts) {
    const chapters = part.chapters.map((chapter) => {
      const document = chapterDocument(frame, chapter, breaksOf.get(chapter.slug) ?? [], memo);
      if (first) document.landmark = { type: 'bodymatter', label: interfaceWords(book.config.language)('startOfContent') };
      first = false;
      return document;
    });
    if (part.title) {
      partNumber += 1;
      documents.push(partDocument(book.config.language, part.title, partNumber, chapters));
    } else documents.push(...chapters);
  }
  return documents;
}

/** A part's title page, holding its chapters (and the start-of-content landmark, when its first chapter had it). */
function partDocument(language: string, title: string, partNumber: number, chapters: Document[]): Document {
  const number = `${interfaceWords(language)('part')} ${lowerRoman(partNumber).toUpperCase()}`;
  const document: Document = {
    id: `part-${partNumber}`,
    href: `text/part-${partNumber}.xhtml`,
    title: titleText(title),
    language,
    tocLabel: `${number}: ${titleText(title)}`,
    tocHast: [{ type: 'text', value: `${number}: ` }, ...titleHast(title)],
    body: [
      h('section.part-title-page', { 'epub:type': 'part', role: 'doc-part', 'aria-labelledby': `part-${partNumber}-title` }, [
        h('p.part-number', number),
        h(`h1.part-title#part-${partNumber}-title`, titleHast(title)),
      ]),
    ],
    children: chapters,
  };
  if (chapters[0]?.landmark) {
    document.landmark = chapters[0].landmark;
    delete chapters[0].landmark;
  }
  return document;
}

/**
 * The book's reference list: remembered by the list's own key, when it has one (thousands of
 * entries at hundreds of chapters).
 */
function bibliographyDocument(language: string, bibliography: NonNullable<Book['bibliography']>, memo: Memo): Document {
  const title = interfaceWords(language)('bibliography');
  const make = () =>
    xhtml(
      title,
      language,
      [
        h('section.bibliography', { 'epub:type': 'bibliography', role: 'doc-bibliography', 'aria-labelledby': 'bibliography-heading' }, [
          h('h1#bibliography-heading', title),
          ...referenceEntries(bibliography),
        ]),
      ],
      undefined,
    );
  const { key } = bibliography;
  return {
    id: 'bibliography',
    href: bibliographyPath,
    title,
    language,
    tocLabel: title,
    landmark: { type: 'bibliography', label: title },
    body: [],
    made: () => (key ? memo.value('epub-chapter', () => contentKey('bibliography', language, key), make) : make()),
  };
}

function coverAlt(book: Book): string {
  const { config } = book;
  return `Cover: ${titleText(config.title)}${config.subtitle ? `. ${titleText(config.subtitle)}` : ''}. ${editorsLine(book)}.`;
}

/** The DPUB-ARIA role of an `epub:type`, where it has one. */
const roleOfType: Record<string, string> = { acknowledgments: 'doc-acknowledgments', preface: 'doc-preface' };

function matterDocument(book: Book, id: string, title: string, epubType: string, children: ElementContent[]): Document {
  return {
    id,
    href: `text/${id}.xhtml`,
    title,
    language: book.config.language,
    tocLabel: title,
    body: [
      h(
        `section.matter-section#${id}`,
        { 'epub:type': epubType, ...(roleOfType[epubType] ? { role: roleOfType[epubType] } : {}), 'aria-labelledby': `${id}-heading` },
        [h(`h1#${id}-heading`, title), ...children],
      ),
    ],
  };
}

const bibliographyPath = 'text/bibliography.xhtml';

/** Whether a chapter has a formula typeset as MathML (one Temml could not read is shown as code). */
function hasMath(tree: Chapter['tree']): boolean {
  let found = false;
  visit(tree, (node) => {
    if ((node.type === 'math' || node.type === 'inlineMath') && node.data?.mathml) found = true;
  });
  return found;
}

export function chapterPath(chapter: Chapter): string {
  return `text/${safeId(chapter.slug)}.xhtml`;
}

/** A chapter's document: made from its frame, never the whole book (so its cache key is all it shows). */
function chapterDocument(frame: ChapterFrame, chapter: Chapter, breaks: readonly PageBreak[], memo: Memo): Document {
  const title = titleText(chapter.meta.title);
  const language = chapter.meta.language ?? frame.config.language;
  return {
    id: `chapter-${chapter.number}`,
    href: chapterPath(chapter),
    title,
    language,
    tocLabel: `${chapter.number}. ${title}`,
    tocHast: [{ type: 'text', value: `${chapter.number}. ` }, ...titleHast(chapter.meta.title)],
    // EPUB 3 wants each document with MathML in it said to have it.
    ...(hasMath(chapter.tree) ? { properties: 'mathml' } : {}),
    body: [],
    made: () =>
      memo.value(
        'epub-chapter',
        () => contentKey(frameKey(frame), chapterKey(chapter), breaks),
        () => xhtml(title, language, chapterBody(frame, chapter, breaks), undefined),
      ),
  };
}

function xhtml(title: string, language: string, body: ElementContent[], bodyType: string | undefined): string {
  const tree: HastRoot = {
    type: 'root',
    children: [
      h('html', { xmlns: 'http://www.w3.org/1999/xhtml', 'xmlns:epub': 'http://www.idpf.org/2007/ops', lang: language, 'xml:lang': language }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('title', title),
          h('link', { rel: 'stylesheet', type: 'text/css', href: bodyType === 'nav' ? 'css/book.css' : '../css/book.css' }),
        ]),
        h('body', bodyType === 'cover' ? { 'epub:type': 'cover' } : {}, body),
      ]),
    ],
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n${toXml(toXast(tree))}\n`;
}

function navBody(book: Book, documents: Document[], printPages: PrintPages | undefined): ElementContent[] {
  const words = interfaceWords(book.config.language);
  const item = (document: Document): Element =>
    h('li', [
      h(
        'a',
        { href: document.href, ...(document.language !== book.config.language ? { lang: document.language, 'xml:lang': document.language } : {}) },
        document.tocHast ?? document.tocLabel ?? document.title,
      ),
      ...(document.children && document.children.length > 0 ? [h('ol', document.children.map(item))] : []),
    ]);
  const landmarks = documents.flatMap((document) => [document, ...(document.children ?? [])]).filter((document) => document.landmark);
  return [
    h('nav', { 'epub:type': 'toc', id: 'toc', role: 'doc-toc', 'aria-labelledby': 'toc-heading' }, [
      h('h1#toc-heading', words('contents')),
      h('ol', documents.filter((document) => document.tocLabel).map(item)),
    ]),
    h('nav', { 'epub:type': 'landmarks', id: 'landmarks', 'aria-labelledby': 'landmarks-heading', hidden: true }, [
      h('h2#landmarks-heading', words('landmarks')),
      h('ol', [
        ...landmarks.map((document) => h('li', [h('a', { 'epub:type': document.landmark?.type, href: document.href }, document.landmark?.label ?? '')])),
        h('li', [h('a', { 'epub:type': 'toc', href: 'nav.xhtml#toc' }, words('contents'))]),
      ]),
    ]),
    ...(printPages ? [pageListNav(printPages.breaks, (pageBreak) => `${chapterPathBySlug(book, pageBreak.chapter)}#${pageBreak.id}`, words('pages'))] : []),
  ];
}

function chapterPathBySlug(book: Book, slug: string): string {
  const chapter = book.chapters.find((candidate) => candidate.slug === slug);
  return chapter ? chapterPath(chapter) : bibliographyPath;
}

function chapterBody(book: ChapterFrame, chapter: Chapter, breaks: readonly PageBreak[]): ElementContent[] {
  const idPrefix = screenIdPrefix(chapter.slug);
  const body = chapterBodyToHast(chapter, {
    idPrefix,
    notesHeading: interfaceWords(book.config.language)('notes'),
    numberBlocks: true,
    figureImage: screenFigureImage(book, 'epub', '../'),
    chapterLink: chapterFileLink('xhtml'),
  });
  for (const node of walkElements(body)) {
    if (node.properties.role === 'doc-noteref') node.properties['epub:type'] = 'noteref';
    if (node.properties.role === 'doc-backlink') node.properties['epub:type'] = 'backlink';
    if (node.properties.role === 'doc-endnotes') {
      node.properties['epub:type'] = 'endnotes';
      for (const item of walkElements(node)) if (item.tagName === 'li') item.properties['epub:type'] = 'endnote';
    }
  }
  linkChapterCitations(body, chapter, idPrefix, { keys: book.bibliography?.keys, file: 'bibliography.xhtml' });
  const section = h(
    'section.chapter',
    { 'epub:type': 'chapter', role: 'doc-chapter', id: safeId(chapter.slug), 'aria-labelledby': `${idPrefix}${generatedIds.title}` },
    [...chapterOpening(chapter, book), ...(body.children as ElementContent[]), ...chapterReferencesWithIds(chapter, book.config.language, idPrefix)],
  );
  for (const element of walkElements(section)) {
    const classes = element.properties.className;
    if (element.tagName === 'h1' && Array.isArray(classes) && classes.includes('chapter-title')) element.properties.id = `${idPrefix}${generatedIds.title}`;
  }
  placePageBreaks(section, breaks);
  for (const element of walkElements(section)) delete element.properties.dataBlock;
  return [section];
}

/** Puts each print page's marker where that page starts (see `page-list.ts`). */
function placePageBreaks(section: Element, breaks: readonly PageBreak[]): void {
  for (const pageBreak of breaks) pageBreakElement(section, pageBreak);
}

function packageIdentifier(identifier: string): string {
  if (identifier.toLowerCase().startsWith('isbn:')) return `urn:isbn:${identifier.slice(5).replace(/[-\s]/g, '')}`;
  return identifier.startsWith('urn:') ? identifier : `urn:uuid:${identifier}`;
}

/**
 * EPUB Accessibility 1.1 metadata, each statement only where it holds for this book: pictures
 * make it visual, and textual-sufficient only if every picture has alt text or a caption; page
 * navigation only with the print pages; the WCAG claim only when nothing is known to fail it.
 */
function accessibilityMetadata(book: Book, printPages: PrintPages | undefined): string[] {
  const figures = book.chapters.flatMap((chapter) => figuresOf(chapter.tree, chapter.path));
  const pictures = figures.filter((figure) => imageOf(book.images, figure.location));
  const allDescribed = pictures.every((figure) => figure.alt !== '');
  const animated = [...(book.images?.values() ?? [])].some((image) => image.animated);
  const features = [
    'structuralNavigation',
    'tableOfContents',
    'readingOrder',
    'displayTransformability',
    ...(pictures.length > 0 && allDescribed ? ['alternativeText'] : []),
    ...(printPages ? ['printPageNumbers', 'pageBreakMarkers', 'pageNavigation'] : []),
    ...(book.chapters.some((chapter) => hasMath(chapter.tree)) ? ['MathML'] : []),
  ];
  const modes = pictures.length > 0 ? ['textual', 'visual'] : ['textual'];
  const sufficient = [...(allDescribed ? ['textual'] : []), ...(pictures.length > 0 ? ['textual,visual'] : [])];
  const hazards = animated ? ['noSoundHazard', 'noMotionSimulationHazard', 'unknownFlashingHazard'] : ['none'];
  const summary = [
    'The book has a table of contents, landmarks and headings for every part, chapter and section; notes are linked both ways.',
    pictures.length === 0
      ? 'It has no pictures.'
      : allDescribed
        ? 'Every picture has a text alternative and a caption.'
        : 'Some pictures have no text alternative.',
    printPages ? 'The page numbers of the print edition are marked in the text and listed in a page list.' : '',
    'The text reflows and follows the reading system’s font, size and colours.',
  ]
    .filter(Boolean)
    .join(' ');
  const conforms = allDescribed && !animated;
  return [
    ...modes.map((mode) => `    <meta property="schema:accessMode">${mode}</meta>`),
    ...sufficient.map((mode) => `    <meta property="schema:accessModeSufficient">${mode}</meta>`),
    ...features.map((feature) => `    <meta property="schema:accessibilityFeature">${feature}</meta>`),
    ...hazards.map((hazard) => `    <meta property="schema:accessibilityHazard">${hazard}</meta>`),
    // Written in English whatever the book's language (`interface-words-missing` says so): marked as such.
    `    <meta property="schema:accessibilitySummary"${isEnglish(book.config.language) ? '' : ' xml:lang="en"'}>${escapeXml(summary)}</meta>`,
    ...(conforms
      ? [
          '    <meta property="dcterms:conformsTo" id="conformance">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>',
          `    <meta property="a11y:certifiedBy" refines="#conformance">${escapeXml(book.config.publisher)}</meta>`,
        ]
      : []),
    ...(printPages
      ? [
          // The print edition the page breaks come from (EPUB 3.2's form of a11y 1.1's pageBreakSource).
          `    <dc:source id="print-source">${escapeXml(packageIdentifier(book.config.identifier))}</dc:source>`,
          '    <meta refines="#print-source" property="source-of">pagination</meta>',
        ]
      : []),
  ];
}

function packageDocument(book: Book, documents: Document[], cover: ImageFile, images: ImageFile[], printPages: PrintPages | undefined): string {
  const { config } = book;
  const identifier = packageIdentifier(config.identifier);
  const editors = config.editors
    .map(
      (name, index) =>
        `    <dc:creator id="editor-${index + 1}">${escapeXml(name)}</dc:creator>\n    <meta refines="#editor-${index + 1}" property="role" scheme="marc:relators">edt</meta>`,
    )
    .join('\n');
  const contributors = [...new Set(book.chapters.flatMap((chapter) => chapter.meta.authors))]
    .map((name) => `    <dc:contributor>${escapeXml(name)}</dc:contributor>`)
    .join('\n');
  const languages = [...new Set([config.language, ...book.chapters.map((chapter) => chapter.meta.language ?? config.language)])];
  const manifest = [
    '    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
    '    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
    '    <item id="css" href="css/book.css" media-type="text/css"/>',
    `    <item id="cover-image" href="${cover.path}" media-type="${cover.mediaType}" properties="cover-image"/>`,
    ...images.map((image, index) => `    <item id="image-${index + 1}" href="${image.path}" media-type="${image.mediaType}"/>`),
    ...documents.map(
      (document) =>
        `    <item id="${document.id}" href="${document.href}" media-type="application/xhtml+xml"${document.properties ? ` properties="${document.properties}"` : ''}/>`,
    ),
  ].join('\n');
  const spine = [
    ...documents.slice(0, 3).map((document) => `    <itemref idref="${document.id}"/>`),
    '    <itemref idref="nav"/>',
    ...documents.slice(3).map((document) => `    <itemref idref="${document.id}"/>`),
  ].join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="${config.language}" prefix="a11y: http://www.idpf.org/epub/vocab/package/a11y/#">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="pub-id">${escapeXml(identifier)}</dc:identifier>
    <dc:title id="title">${escapeXml(titleText(config.title))}</dc:title>
    <meta refines="#title" property="title-type">main</meta>
${config.subtitle ? `    <dc:title id="subtitle">${escapeXml(titleText(config.subtitle))}</dc:title>\n    <meta refines="#subtitle" property="title-type">subtitle</meta>\n    <dc:description>${escapeXml(titleText(config.subtitle))}</dc:description>\n` : ''}${languages.map((language) => `    <dc:language>${language}</dc:language>`).join('\n')}
${editors}
${contributors ? `${contributors}\n` : ''}    <dc:publisher>${escapeXml(config.publisher)}</dc:publisher>
    <dc:date>${config.edition.date}</dc:date>
${config.licence ? `    <dc:rights>${escapeXml(config.licence)}</dc:rights>\n` : ''}    <meta property="dcterms:modified">${config.edition.date}T00:00:00Z</meta>
    <meta property="schema:bookEdition">${escapeXml(editionName(book.config.edition.number))}</meta>
    <meta name="cover" content="cover-image"/>
${accessibilityMetadata(book, printPages).join('\n')}
  </metadata>
  <manifest>
${manifest}
  </manifest>
  <spine toc="ncx">
${spine}
  </spine>
</package>
`;
}

/** The EPUB 2 table of contents, for reading systems that predate nav.xhtml. */
function ncx(book: Book, documents: Document[], printPages: PrintPages | undefined): string {
  let order = 0;
  const depth = documents.some((document) => document.children?.length) ? 2 : 1;
  const point = (document: Document, indent: string): string => {
    order += 1;
    const own = order;
    const children = (document.children ?? []).map((child) => point(child, `${indent}  `)).join('');
    return `${indent}<navPoint id="nav-${document.id}" playOrder="${own}">\n${indent}  <navLabel><text>${escapeXml(document.tocLabel ?? document.title)}</text></navLabel>\n${indent}  <content src="${document.href}"/>\n${children}${indent}</navPoint>\n`;
  };
  const points = documents
    .filter((document) => document.tocLabel)
    .map((document) => point(document, '    '))
    .join('');
  const pages = printPages?.breaks ?? [];
  const pageTargets = pages
    .map((pageBreak) => {
      order += 1;
      return `    <pageTarget id="pt-${pageBreak.id}" type="normal" value="${pageBreak.value}" playOrder="${order}">\n      <navLabel><text>${escapeXml(pageBreak.label)}</text></navLabel>\n      <content src="${chapterPathBySlug(book, pageBreak.chapter)}#${pageBreak.id}"/>\n    </pageTarget>\n`;
    })
    .join('');
  const maxPage = Math.max(0, ...pages.map((pageBreak) => pageBreak.value));
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${book.config.language}">
  <head>
    <meta name="dtb:uid" content="${escapeXml(packageIdentifier(book.config.identifier))}"/>
    <meta name="dtb:depth" content="${depth}"/>
    <meta name="dtb:totalPageCount" content="${pages.length}"/>
    <meta name="dtb:maxPageNumber" content="${maxPage}"/>
  </head>
  <docTitle><text>${escapeXml(titleText(book.config.title))}</text></docTitle>
  <navMap>
${points}  </navMap>
${pages.length > 0 ? `  <pageList>\n    <navLabel><text>${escapeXml(interfaceWords(book.config.language)('pages'))}</text></navLabel>\n${pageTargets}  </pageList>\n` : ''}</ncx>
`;
}
