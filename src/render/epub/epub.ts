import type { ElementContent, Root as HastRoot } from 'hast';
import { toXast } from 'hast-util-to-xast';
import { h } from 'hastscript';
import { toXml } from 'xast-util-to-xml';
import type { Book, Chapter, OutputFiles } from '../../core/types.ts';
import type { RenderAssets } from '../../io/assets.ts';
import { chapterBodyToHast, chapterOpening, chapterReferences, editorsLine, formatDate, walkElements } from '../common.ts';

/**
 * Renders the book as the files of an EPUB 3 container (mimetype first). `packEpub` zips them.
 * Everything is derived from the book alone, so the same book gives the same bytes.
 */
export function renderEpub(book: Book, assets: RenderAssets): OutputFiles {
  const files: OutputFiles = new Map();
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
  files.set('EPUB/text/title.xhtml', xhtml(book, book.config.title, titlePage(book)));
  files.set('EPUB/nav.xhtml', xhtml(book, 'Contents', navBody(book)));
  for (const chapter of book.chapters) {
    files.set(`EPUB/${chapterPath(chapter)}`, xhtml(book, chapter.meta.title, chapterBody(book, chapter)));
  }
  if (book.bibliography) {
    files.set(
      `EPUB/${bibliographyPath}`,
      xhtml(book, 'Bibliography', [
        h('section.bibliography', { 'epub:type': 'bibliography', role: 'doc-bibliography' }, [h('h1', 'Bibliography'), ...book.bibliography.entries]),
      ]),
    );
  }
  files.set('EPUB/package.opf', packageDocument(book));
  return files;
}

const bibliographyPath = 'text/bibliography.xhtml';

function chapterPath(chapter: Chapter): string {
  return `text/${chapter.slug}.xhtml`;
}

function xhtml(book: Book, title: string, body: ElementContent[]): string {
  const language = book.config.language;
  const tree: HastRoot = {
    type: 'root',
    children: [
      h('html', { xmlns: 'http://www.w3.org/1999/xhtml', 'xmlns:epub': 'http://www.idpf.org/2007/ops', lang: language, 'xml:lang': language }, [
        h('head', [h('meta', { charSet: 'utf-8' }), h('title', title), h('link', { rel: 'stylesheet', type: 'text/css', href: stylesheetHref(body) })]),
        h('body', body),
      ]),
    ],
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n${toXml(toXast(tree))}\n`;
}

/** Pages in `text/` reach the stylesheet one level up; nav.xhtml sits beside css/. */
function stylesheetHref(body: ElementContent[]): string {
  const isNav = body.some((node) => node.type === 'element' && node.tagName === 'nav');
  return isNav ? 'css/book.css' : '../css/book.css';
}

function titlePage(book: Book): ElementContent[] {
  const { config } = book;
  return [
    h('section.title-page', { 'epub:type': 'titlepage' }, [
      h('h1', config.title),
      ...(config.subtitle ? [h('p.subtitle', config.subtitle)] : []),
      h('p.editors', editorsLine(book)),
      h('p.publisher', config.publisher),
    ]),
    h('section.copyright-page', { 'epub:type': 'copyright-page', 'aria-label': 'Copyright' }, [
      h('p', `Edition ${config.edition.number}, ${formatDate(config.edition.date, config.language)}.`),
      h('p', identifierLine(config.identifier)),
      ...(config.licence ? [h('p', config.licence)] : []),
    ]),
  ];
}

export function identifierLine(identifier: string): string {
  return identifier.toLowerCase().startsWith('isbn:') ? `ISBN ${identifier.slice(5)}` : `Identifier ${identifier}`;
}

function navBody(book: Book): ElementContent[] {
  const item = (chapter: Chapter) => h('li', [h('a', { href: chapterPath(chapter) }, chapter.meta.title)]);
  return [
    h('nav', { 'epub:type': 'toc', id: 'toc', role: 'doc-toc' }, [
      h('h1', 'Contents'),
      h('ol', [
        h('li', [h('a', { href: 'text/title.xhtml' }, 'Title page')]),
        ...book.parts.flatMap((part) => (part.title ? [h('li', [h('span', part.title), h('ol', part.chapters.map(item))])] : part.chapters.map(item))),
      ]),
    ]),
    h('nav', { 'epub:type': 'landmarks', id: 'landmarks', hidden: true }, [
      h('h2', 'Landmarks'),
      h('ol', [
        h('li', [h('a', { 'epub:type': 'titlepage', href: 'text/title.xhtml' }, 'Title page')]),
        h('li', [h('a', { 'epub:type': 'toc', href: 'nav.xhtml#toc' }, 'Contents')]),
        ...(book.chapters[0] ? [h('li', [h('a', { 'epub:type': 'bodymatter', href: chapterPath(book.chapters[0]) }, 'Start of content')])] : []),
      ]),
    ]),
  ];
}

function chapterBody(book: Book, chapter: Chapter): ElementContent[] {
  const body = chapterBodyToHast(chapter, { idPrefix: '', notesHeading: 'Notes' });
  for (const node of walkElements(body)) {
    if (node.properties.role === 'doc-noteref') node.properties['epub:type'] = 'noteref';
    if (node.properties.role === 'doc-endnotes') {
      node.properties['epub:type'] = 'endnotes';
      for (const item of walkElements(node)) if (item.tagName === 'li') item.properties['epub:type'] = 'endnote';
    }
  }
  return [
    h('section.chapter', { 'epub:type': 'chapter', role: 'doc-chapter', id: chapter.slug }, [
      ...chapterOpening(chapter, book),
      ...(body.children as ElementContent[]),
      ...chapterReferences(chapter),
    ]),
  ];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function packageDocument(book: Book): string {
  const { config } = book;
  const identifier = config.identifier.toLowerCase().startsWith('isbn:')
    ? `urn:isbn:${config.identifier.slice(5).replace(/[-\s]/g, '')}`
    : config.identifier.startsWith('urn:')
      ? config.identifier
      : `urn:uuid:${config.identifier}`;
  const editors = config.editors
    .map(
      (name, index) =>
        `    <dc:creator id="editor-${index + 1}">${escapeXml(name)}</dc:creator>\n    <meta refines="#editor-${index + 1}" property="role" scheme="marc:relators">edt</meta>`,
    )
    .join('\n');
  const contributors = [...new Set(book.chapters.flatMap((chapter) => chapter.meta.authors))]
    .map((name) => `    <dc:contributor>${escapeXml(name)}</dc:contributor>`)
    .join('\n');
  const chapters = book.chapters.map((chapter) => ({ id: `chapter-${chapter.number}`, href: chapterPath(chapter) }));
  const manifest = [
    '    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
    '    <item id="css" href="css/book.css" media-type="text/css"/>',
    '    <item id="title-page" href="text/title.xhtml" media-type="application/xhtml+xml"/>',
    ...chapters.map((chapter) => `    <item id="${chapter.id}" href="${chapter.href}" media-type="application/xhtml+xml"/>`),
    ...(book.bibliography ? [`    <item id="bibliography" href="${bibliographyPath}" media-type="application/xhtml+xml"/>`] : []),
  ].join('\n');
  const spine = [
    '    <itemref idref="title-page"/>',
    '    <itemref idref="nav"/>',
    ...chapters.map((chapter) => `    <itemref idref="${chapter.id}"/>`),
    ...(book.bibliography ? ['    <itemref idref="bibliography"/>'] : []),
  ].join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="${config.language}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="pub-id">${escapeXml(identifier)}</dc:identifier>
    <dc:title>${escapeXml(config.title)}</dc:title>
${config.subtitle ? `    <dc:description>${escapeXml(config.subtitle)}</dc:description>\n` : ''}    <dc:language>${config.language}</dc:language>
${editors}
${contributors ? `${contributors}\n` : ''}    <dc:publisher>${escapeXml(config.publisher)}</dc:publisher>
    <dc:date>${config.edition.date}</dc:date>
${config.licence ? `    <dc:rights>${escapeXml(config.licence)}</dc:rights>\n` : ''}    <meta property="dcterms:modified">${config.edition.date}T00:00:00Z</meta>
  </metadata>
  <manifest>
${manifest}
  </manifest>
  <spine>
${spine}
  </spine>
</package>
`;
}
