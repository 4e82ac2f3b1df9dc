import path from 'node:path';
import type { Root as HastRoot } from 'hast';
import { raw } from 'hast-util-raw';
import { h } from 'hastscript';
import type { Code, Html, Image, InlineCode, Link, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import { toString as plainText } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { parse as parseToml } from 'smol-toml';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import type { ChapterFrontMatter } from '../../config/schema.ts';
import { remarkAutolinkQuotes } from '../../core/autolink-quotes.ts';
import { placeLocator } from '../../core/place.ts';
import { report } from '../../core/rules.ts';
import { checkNotes, isPictureAddress, linkedPictureCaption } from '../../load/chapter.ts';
import { parseCitations } from '../../load/citation-syntax.ts';
import { parseWithPandocMath, remarkPandocMath } from '../../load/math-syntax.ts';
import { remarkPandocScripts, scriptsToHast } from '../../load/script-syntax.ts';
import { figureDirective } from '../body.ts';
import { sourceLines, unreadLines } from '../content.ts';
import { splitCaptionCredit } from '../html/caption.ts';
import { reportEmbeddedFrames } from '../html/embedded-frames.ts';
import { recogniseFootnotes } from '../html/footnotes.ts';
import { type HtmlBody, htmlToMdast, recognisePlainNotesBesideScripts } from '../html/html-to-mdast.ts';
import { sanitiseHast } from '../html/sanitise.ts';
import { isOnTheWeb, setLargerCopy } from '../images.ts';
import { decodeEntities } from '../text.ts';
import type { ChapterField, ImportedPiece, ImportOptions, ImportResult, LineFate } from '../types.ts';
import { type AcademicSyntaxResult, academicSyntax, inlineNoteOpen, pageCitationKey } from './academic-syntax.ts';
import { readCodeChunks } from './code-chunks.ts';
import { withFootnoteLabelsMended } from './footnote-labels.ts';
import {
  type FrontMatterValues,
  frontMatterLineFates,
  frontMatterToMeta,
  headerLineFates,
  type MetaDraft,
  metadataHeader,
  nameForAuthorKey,
  namesIn,
} from './front-matter.ts';
import type { CodeLine } from './hugo-shortcodes.ts';
import { shortcodeNotesToFootnotes } from './note-shortcodes.ts';
import { withoutSiteSyntax } from './site-syntax.ts';
import { postMath, texDelimitersAsDollars } from './tex-math.ts';

// A post is read in its own dialect: GFM's, where `x^2+y^2` and `~x~` are text and strikethrough
// (Jekyll, Hugo, Obsidian…); Pandoc's for R Markdown, Quarto and a post whose front matter is
// Pandoc's (`bibliography:`, `format:`, `output:`, `csl:`), where `^2^` is a superscript and `~2~` a subscript.
const gfmParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).use(remarkPandocMath).use(remarkAutolinkQuotes);
const pandocParser = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .use(remarkGfm, { singleTilde: false })
  .use(remarkPandocScripts)
  .use(remarkPandocMath)
  .use(remarkAutolinkQuotes);

/** Whether a post is written in Pandoc's Markdown: by its extension, or its front matter's Pandoc keys. */
export function isPandocPost(path: string | undefined, text: string): boolean {
  if (/\.(?:qmd|rmd|rmarkdown)$/i.test(path ?? '')) return true;
  const lines = text.split(/\r?\n/);
  return lines.slice(1, frontMatterEnd(lines) - 1).some((line) => /^(?:bibliography|format|output|csl):/.test(line));
}

/**
 * The post's Markdown as a tree: footnote labels with spaces mended first (`footnote-labels.ts`),
 * then markers without a note (labels that differ: `[^Optimism]` for `[^Otimismo]:`) and notes
 * without a marker reported where they are.
 */
function parsePost(text: string, file: VFile): { tree: Root; notesHeadingLine: number | undefined } {
  const labels = withFootnoteLabelsMended(text);
  for (const { label, line, column } of labels.mended) {
    report(file, 'import-note-label', `footnote label [^${label}] has spaces, which Markdown does not allow: read as [^${label.replace(/\s/g, '-')}]`, {
      line,
      column,
    });
  }
  // Math is parsed first: TeX is not Markdown (`\|x\|`, `a*k^2`, `p_{0}^{*}` would be escapes and emphasis).
  const parser = isPandocPost(file.path, text) ? pandocParser : gfmParser;
  const tree = parser.runSync(parseWithPandocMath((text) => parser.parse(text), texDelimitersAsDollars(labels.text))) as Root;
  postMath(tree, labels.text);
  const shortcodeNotes = shortcodeNotesToFootnotes(tree);
  for (const { opening, line, column } of shortcodeNotes.unclosed)
    report(
      file,
      'import-note-unclosed',
      `the footnote ${opening === inlineNoteOpen ? 'typed in place (<d-footnote>)' : `shortcode ${opening}`} is never closed: the note was taken to run to the end of its paragraph`,
      {
        line,
        column,
      },
    );
  checkNotes(tree, file, labels.text, placeLocator(labels.text));
  return { tree, notesHeadingLine: shortcodeNotes.notesHeadingLine };
}

interface FrontMatter {
  values: FrontMatterValues;
  /** The line of the closing delimiter; 0 when there is no front matter. */
  endLine: number;
}

/**
 * Imports a Markdown post with front matter (Jekyll, Hugo, Eleventy): maps the common keys, keeps
 * `[^n]` footnotes, turns pictures into `::figure` directives, and sends any raw HTML (hand-made
 * `<sup>` note links, figures) through the same sanitising HTML path as saved pages.
 */
export function importMarkdown(file: VFile, options: ImportOptions): ImportResult {
  const text = String(file.value);
  const lines = sourceLines(text);
  const opening = lines[0]?.trimEnd();
  if ((opening === '---' || opening === '+++') && !lines.some((line, index) => index > 0 && line.trimEnd() === opening)) {
    report(file, 'front-matter-unterminated', `front matter opened with ${opening} on line 1 is never closed: end it with a line of ${opening}`, {
      line: 1,
      column: 1,
    });
    return { pieces: [], lines: unreadLines(lines, 'front matter that is never closed: nothing was read') };
  }
  // Pelican and MultiMarkdown put the metadata in `Key: value` lines with no delimiters.
  const header = frontMatterEnd(lines) === 0 ? metadataHeader(lines) : undefined;
  const headerless = header ? lines.map((line, index) => (index < header.endLine ? '' : line)).join('\n') : text;
  const { academic, siteSyntax, siteLines } = readSiteSyntax(headerless, (header?.endLine ?? frontMatterEnd(lines)) + 1, file, options);
  const { tree, notesHeadingLine } = parsePost(siteSyntax.text, file);
  codeSpansAsBlocks(tree, siteSyntax.codeLines);
  const chunks = readCodeChunks(tree, file);
  const frontMatter = header ?? takeFrontMatter(tree, file);
  if (!frontMatter) return { pieces: [], lines: unreadLines(lines, 'front matter that cannot be parsed: nothing was read') };
  if (isDraft(frontMatter.values) && !options.includeDrafts) {
    report(file, 'import-no-pieces', 'the post is a draft (`draft: true` or `published: false`): not imported (use --drafts to include it)', {
      line: 1,
      column: 1,
    });
    return { pieces: [], lines: unreadLines(lines, 'a draft, not imported (use --drafts to include it)'), draft: true };
  }

  const frontMatterLines = lines.slice(0, frontMatter.endLine);
  const placeOfKey = (key: string) => Math.max(1, frontMatterLines.findIndex((line) => new RegExp(`^\\s*${key.split('.').at(-1)}\\s*[:=]`).test(line)) + 1);
  const { meta, used, authorKeys, ...attribution } = frontMatterToMeta(frontMatter.values, file, options, placeOfKey);
  // Pandoc's `bibliography:` (al-folio's Distill posts too), hugo-cite's `bibFile:`.
  const bibliographyKey = ['bibliography', 'bibFile'].find((key) => frontMatter.values[key] !== undefined) ?? 'bibliography';
  const named = bibliographyFiles(frontMatter.values[bibliographyKey]);
  if (named.length > 0) used.set(bibliographyKey, 'bibliography');
  const bibliography = postBibliographies(named, academic, file.path, options);
  if (meta.authors.length === 0) authorsFromFolder(meta, file, options);
  const unattributed =
    meta.authors.length === 0 && authorNamedInBody(meta, authorKeys, siteSyntax.text, frontMatter.endLine, file) ? undefined : attribution.unattributed;
  const titleLines = meta.title ? undefined : titleFromHeading(tree, meta);
  const fields = bodyLineFields(tree);
  if (notesHeadingLine) fields.set(notesHeadingLine, 'notes');
  // Notes typed by hand (`[1]` markers and a closing Notes list) when the markup made no footnotes;
  // through HTML, `htmlToMdast` finds them.
  const { body, notes, removedLines } = hasRawHtml(tree)
    ? throughHtml(tree, file)
    : { body: tree, notes: recognisePlainNotesBesideScripts(tree, file), removedLines: new Set<number>() };
  for (const line of notes.noteLines) fields.set(line, 'notes');
  const dropped = new Map(notes.droppedLines.map(({ line, reason }) => [line, reason]));
  picturesToFigures(body, file);
  shiftHeadings(body);
  // Pandoc's citations (Quarto, R Markdown, a Jekyll or Hugo site with a citation plugin) stay citations, not text to escape.
  parseCitations(body);
  if (!meta.title) {
    meta.title = `Untitled piece (${file.stem ?? 'markdown'})`;
    meta.provisional_title = true;
    report(file, 'import-untitled', 'the post has no title in its front matter or a level-1 heading; it was given a provisional one', { line: 1, column: 1 });
  }
  const frontMatterFates = (header ? headerLineFates : frontMatterLineFates)(frontMatterLines, used);
  const fates: LineFate[] = lines.map((line, index): LineFate => {
    const number = index + 1;
    if (line.trim() === '') return { line: number, fate: 'blank' };
    const inFrontMatter = frontMatterFates[index];
    if (inFrontMatter) return inFrontMatter;
    if (titleLines && number >= titleLines[0] && number <= titleLines[1]) return { line: number, fate: 'metadata', piece: 1, field: 'title' };
    const siteReason = siteLines.get(number);
    if (siteReason) return { line: number, fate: 'dropped', piece: 1, reason: siteReason };
    const notesReason = dropped.get(number) ?? chunks.droppedLines.get(number);
    if (notesReason) return { line: number, fate: 'dropped', piece: 1, reason: notesReason };
    if (removedLines.has(number)) return { line: number, fate: 'dropped', piece: 1, reason: removedReason };
    return { line: number, fate: 'kept', piece: 1, field: fields.get(number) ?? 'body' };
  });
  const piece: ImportedPiece = {
    meta: chapterMeta({ ...meta, title: meta.title }, { file: file.path, lines: [1, Math.max(1, lines.length)] }),
    body,
    ...(unattributed ? { unattributed } : {}),
    ...(bibliography.length > 0 ? { bibliography: { files: bibliography, line: named.length > 0 ? placeOfKey(bibliographyKey) : 1 } } : {}),
  };
  return { pieces: [piece], lines: fates };
}

/**
 * The post's text without its site's syntax, from the body's first line: academic citations and
 * notes first (`academic-syntax.ts`, each unknown key reported), then the generator's tags and
 * shortcodes (`site-syntax.ts`, lossy changes reported); the reason each whole line went.
 */
function readSiteSyntax(text: string, bodyStart: number, file: VFile, options: ImportOptions) {
  const academic = academicSyntax(text, bodyStart, siteBibliographyKeys(options));
  for (const { key, typed, line, column } of academic.unknown)
    report(file, 'import-citation-unknown', `${typed} cites ${key}, which no bibliography found in what was imported holds: kept as typed`, { line, column });
  const siteSyntax = withoutSiteSyntax(academic.text, bodyStart);
  for (const change of siteSyntax.changes.filter((item) => item.lossy))
    report(file, 'import-site-syntax', `${change.reason}: look at the original post`, { line: change.line, column: 1 });
  const siteLines = new Map([...academic.changes, ...siteSyntax.changes].filter((change) => change.whole).map((change) => [change.line, change.reason]));
  return { academic, siteSyntax, siteLines };
}

/**
 * A one-line code shortcode (`{{< highlight go >}} code {{< /highlight >}}`) was written as a code
 * span on its line (`hugo-shortcodes.ts`): a paragraph of such spans becomes a code block each, in
 * their language, at their place.
 */
function codeSpansAsBlocks(tree: Root, codeLines: readonly CodeLine[]): void {
  if (codeLines.length === 0) return;
  const languages = new Map(codeLines.map((code) => [code.line, code.language]));
  visit(tree, 'paragraph', (paragraph, index, parent) => {
    if (!parent || index === undefined) return;
    const spans = paragraph.children.filter((child) => child.type !== 'text' || child.value.trim() !== '');
    const code = spans.every((child) => child.type === 'inlineCode' && languages.has(child.position?.start.line ?? 0));
    if (spans.length === 0 || !code) return;
    const blocks = spans.map((span): Code => {
      const language = languages.get(span.position?.start.line ?? 0);
      return { type: 'code', lang: language || null, value: (span as InlineCode).value, ...(span.position ? { position: span.position } : {}) };
    });
    (parent.children as RootContent[]).splice(index, 1, ...blocks);
    return index + blocks.length;
  });
}

/** Every key of the bibliographies found in what was imported, by itself and in lower case, as the file spells it. */
function siteBibliographyKeys(options: ImportOptions): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of options.siteBibliographies ?? []) {
    // A page's own citation (Hugo Blox's cite.bib) is cited by the page: its first entry is the page's work.
    if (file.page && file.keys[0]) keys.set(pageCitationKey(file.page), file.keys[0]);
    for (const key of file.keys) {
      if (!keys.has(key)) keys.set(key, key);
      if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key);
    }
  }
  return keys;
}

/**
 * The bibliography files of a post, relative to it: those its front matter names (found beside it,
 * else, as al-folio's Distill posts mean them, among the site's: `assets/bibliography/<name>`) and
 * those holding a key it cites in a site's own syntax.
 */
function postBibliographies(named: readonly string[], academic: AcademicSyntaxResult, postPath: string | undefined, options: ImportOptions): string[] {
  const site = options.siteBibliographies ?? [];
  const folder = path.posix.dirname((postPath ?? '').split(path.sep).join('/'));
  const relative = (file: string) => path.posix.relative(folder, file);
  const files = named.map((name) => {
    if (site.some((file) => file.path === path.posix.join(folder, name))) return name;
    const elsewhere = site.find((file) => path.posix.basename(file.path) === path.posix.basename(name));
    return elsewhere ? relative(elsewhere.path) : name;
  });
  const cited = new Set(academic.cited.map((item) => item.key));
  for (const file of site) if (file.keys.some((key) => cited.has(key)) && !files.includes(relative(file.path))) files.push(relative(file.path));
  return files;
}

/** A front matter's `bibliography:` (Pandoc, Quarto, R Markdown): one file or a list of them. */
function bibliographyFiles(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim());
}

/** A post without a title in its front matter takes its level-1 heading's (off the body); the lines it took. */
function titleFromHeading(tree: Root, meta: MetaDraft): [number, number] | undefined {
  const heading = tree.children.find((node) => node.type === 'heading' && node.depth === 1);
  if (!heading) return undefined;
  meta.title = decodeEntities(plainText(heading)).trim();
  tree.children.splice(tree.children.indexOf(heading), 1);
  return heading.position ? [heading.position.start.line, heading.position.end.line] : undefined;
}

/**
 * A post that names no author takes those of the nearest folder above it whose `_metadata.yml`
 * names some (Quarto's directory metadata, which the site applied to it), reported with the file.
 */
function authorsFromFolder(meta: MetaDraft, file: VFile, options: ImportOptions): void {
  const postFolder = path.posix.dirname((file.path ?? '').split(path.sep).join('/'));
  const holds = (folder: string) => folder === '' || folder === '.' || postFolder === folder || postFolder.startsWith(`${folder}/`);
  const nearest = (options.folderMetadata ?? []).filter((entry) => holds(entry.folder)).sort((a, b) => b.folder.length - a.folder.length)[0];
  const names = nearest ? namesIn(nearest.author, options.authorData) : [];
  if (!nearest || names.length === 0) return;
  meta.authors = names;
  report(
    file,
    'import-author-from-folder',
    `the post names no author: credited to ${names.join(', ')}, whom ${nearest.file} names for the posts in its folder`,
    {
      line: 1,
      column: 1,
    },
  );
}

/** Credits the author a key stands for when the post prints the name (reported as inferred); true if it did. */
function authorNamedInBody(meta: MetaDraft, keys: readonly string[], text: string, frontMatterEnd: number, file: VFile): boolean {
  const bodyLines = text.split('\n').map((line, index) => (index < frontMatterEnd ? '' : line));
  for (const key of keys) {
    const found = nameForAuthorKey(key, bodyLines);
    if (!found) continue;
    meta.authors = [found.name];
    report(
      file,
      'import-author-inferred',
      `the front matter names the author by the key \`${key}\`; the post prints “${found.name}” here: check it is the author`,
      {
        line: found.line,
        column: found.column,
      },
    );
    return true;
  }
  return false;
}

/** The line that closes the front matter (`---` or `+++` again), 0 when there is none. */
function frontMatterEnd(lines: readonly string[]): number {
  const opening = lines[0]?.trimEnd();
  if (opening !== '---' && opening !== '+++') return 0;
  const closing = lines.findIndex((line, index) => index > 0 && line.trimEnd() === opening);
  return closing < 0 ? 0 : closing + 1;
}

/** Takes the front matter node off the tree and parses it; undefined (and a message) when it cannot be parsed. */
function takeFrontMatter(tree: Root, file: VFile): FrontMatter | undefined {
  // remark-frontmatter adds a `toml` node that mdast's types do not list.
  const first = tree.children[0] as { type: string; value?: string; position?: { end: { line: number } } } | undefined;
  if (!first || (first.type !== 'yaml' && first.type !== 'toml')) return { values: {}, endLine: 0 };
  let parsed: unknown;
  try {
    parsed = first.type === 'yaml' ? parseYaml(first.value ?? '') : parseToml(first.value ?? '');
  } catch (error) {
    // The parsers count lines from the front matter's start; the place below is the file's.
    const reason = (error as Error).message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
    report(file, 'yaml-syntax', `front matter cannot be parsed: ${reason}`, { line: frontMatterErrorLine(error), column: 1 });
    return undefined;
  }
  tree.children.shift();
  const values = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as FrontMatterValues) : {};
  return { values, endLine: first.position?.end.line ?? 0 };
}

/** The file line of a YAML (`linePos`) or TOML (`line`) error; the front matter starts on line 2. */
function frontMatterErrorLine(error: unknown): number {
  if (!error || typeof error !== 'object') return 2;
  const yamlLine = 'linePos' in error && Array.isArray(error.linePos) ? (error.linePos[0] as { line?: unknown } | undefined)?.line : undefined;
  const tomlLine = 'line' in error ? error.line : undefined;
  const line = typeof yamlLine === 'number' ? yamlLine : tomlLine;
  return typeof line === 'number' ? line + 1 : 2;
}

/** Jekyll marks drafts `published: false`, Hugo and Eleventy `draft: true`. */
function isDraft(values: FrontMatterValues): boolean {
  return values.draft === true || values.published === false;
}

const noteListHtml = /\bclass=["'][^"']*\bfootnotes\b|<li\b[^>]*\bid=["']?(?:fn|footnote|note)/i;

/** The chapter field each line of the body feeds, where it is not plain body text. */
function bodyLineFields(tree: Root): Map<number, ChapterField> {
  const fields = new Map<number, ChapterField>();
  for (const node of tree.children) {
    const field: ChapterField | undefined =
      node.type === 'heading'
        ? 'heading'
        : node.type === 'footnoteDefinition' || (node.type === 'html' && noteListHtml.test(node.value))
          ? 'notes'
          : node.type === 'paragraph' &&
              node.children.some((child) => child.type === 'image') &&
              node.children.every((child) => child.type === 'image' || plainText(child, { includeImageAlt: false }).trim() === '')
            ? 'figure'
            : undefined;
    if (field && node.position) for (let line = node.position.start.line; line <= node.position.end.line; line++) fields.set(line, field);
  }
  return fields;
}

/** The front matter in the order the other importers write it, so chapter files read alike. */
function chapterMeta(meta: MetaDraft & { title: string }, source: NonNullable<ChapterFrontMatter['source']>): ChapterFrontMatter {
  const optional = <K extends keyof ChapterFrontMatter>(key: K) => (meta[key] === undefined ? {} : { [key]: meta[key] });
  return {
    title: meta.title,
    ...optional('provisional_title'),
    authors: meta.authors,
    ...optional('editors'),
    ...optional('date'),
    ...optional('venue'),
    ...optional('headnote'),
    ...optional('standfirst'),
    ...optional('bio'),
    source,
    ...optional('source_url'),
    ...optional('tags'),
    rights: meta.rights ?? '',
  };
}

function hasRawHtml(tree: Root): boolean {
  let found = false;
  visit(tree, 'html', (node: Html) => {
    if (!/^<!--[\s\S]*-->$/.test(node.value.trim())) found = true;
  });
  return found;
}

const removedReason = 'removed with the unsafe or unclosed markup around it (a script, frame, form, noscript, or an HTML comment left open)';

/**
 * Markdown with raw HTML: to hast, parse the raw HTML, sanitise, recognise note markup, back to
 * mdast. `removedLines`: lines whose Markdown text is gone once the HTML is parsed and sanitised
 * (an open `<!--` or `<noscript>` takes the Markdown after it, as it would in a browser).
 */
function throughHtml(tree: Root, file: VFile): HtmlBody & { removedLines: Set<number> } {
  const written = linesWithText(tree, ['text', 'inlineCode']);
  // Math in the neutral form `html-to-mdast.ts` reads back as math (`code.language-math`, in `pre` for display).
  const mathCode = (tex: string) => h('code.language-math', tex);
  const handlers = {
    math: (_: unknown, node: { value: string }) => h('pre', [mathCode(node.value)]),
    inlineMath: (_: unknown, node: { value: string }) => mathCode(node.value),
    ...scriptsToHast,
  };
  const hast = unified().use(remarkRehype, { allowDangerousHtml: true, handlers }).runSync(tree, file) as HastRoot;
  // With the file, nodes parsed from raw HTML keep their places in it (the notes need their lines).
  const parsed = raw(hast, { file }) as HastRoot;
  // A frame or player (a video, a post embedded from elsewhere) is reported where it stood before the sanitiser takes it out.
  const frameLines = reportEmbeddedFrames(parsed, file);
  sanitiseHast(parsed, file);
  const remaining = linesWithText(parsed, ['text']);
  recogniseFootnotes(parsed, file);
  return { ...htmlToMdast(parsed, file, {}), removedLines: new Set([...written, ...frameLines].filter((line) => !remaining.has(line))) };
}

/** The lines on which a tree has text other than spaces, in nodes of the given types. */
function linesWithText(tree: Root | HastRoot, types: readonly string[]): Set<number> {
  const lines = new Set<number>();
  visit(tree, (node) => {
    if (!types.includes(node.type) || !node.position || !('value' in node) || String(node.value).trim() === '') return;
    for (let line = node.position.start.line; line <= node.position.end.line; line++) lines.add(line);
  });
  return lines;
}

const remoteImage = /^(?:https?:)?\/\//i;

/**
 * Pictures become `::figure` directives, as pictures in HTML do: the title (`"caption"`) is the
 * caption and its credit, a paragraph of pictures becomes its figures, and a picture inside a
 * sentence follows its paragraph. A picture on the web keeps its address in `remote`.
 */
function picturesToFigures(tree: Root, file: VFile): void {
  visit(tree, 'paragraph', (paragraph, index, parent) => {
    if (!parent || index === undefined) return;
    const images: { image: Image; link: Link | undefined }[] = [];
    visit(paragraph, 'image', (image, _index, holder) => {
      // A picture that is a link and nothing else (`[![Diagram](d.png)](https://…)`): the figure keeps the link.
      const link = holder?.type === 'link' && holder.children.every((child) => child === image || plainText(child).trim() === '') ? holder : undefined;
      images.push({ image, link });
    });
    if (images.length === 0) return;
    const rest = withoutImages(paragraph);
    const replacement: RootContent[] = [
      ...(plainText(rest, { includeImageAlt: false }).trim() === '' ? [] : [rest]),
      ...images.map(({ image, link }) => imageFigure(image, link, file)),
    ];
    (parent.children as RootContent[]).splice(index, 1, ...replacement);
    return index + replacement.length;
  });
}

/** The node without its pictures, and without the links and emphasis that only held them. */
function withoutImages<T extends Paragraph | PhrasingContent>(node: T): T {
  if (!('children' in node)) return node;
  const children: PhrasingContent[] = [];
  for (const child of (node.children as PhrasingContent[]).filter((child) => child.type !== 'image').map(withoutImages)) {
    const previous = children.at(-1);
    if ('children' in child && child.children.length === 0) continue;
    // `money ![a ledger](…) moves` leaves two texts that meet with a space each.
    if (previous?.type === 'text' && child.type === 'text') previous.value += previous.value.endsWith(' ') ? child.value.replace(/^ /, '') : child.value;
    else children.push(child.type === 'text' ? { ...child } : child);
  }
  return { ...node, children };
}

function imageFigure(image: Image, link: Link | undefined, file: VFile): LeafDirective {
  const { caption, credit } = splitCaptionCredit(image.title ?? '');
  const remote = remoteImage.test(image.url) ? (image.url.startsWith('//') ? `https:${image.url}` : image.url) : undefined;
  const figure = figureDirective(caption, credit, remote ? undefined : image.url);
  if (link) {
    const linked = linkedPictureCaption(image, link, figure.children);
    figure.children = linked.children;
    if (linked.dropped) report(file, 'figure-link-dropped', linked.dropped, { line: link.position?.start.line ?? 1, column: link.position?.start.column ?? 1 });
  }
  figure.attributes = { ...figure.attributes, ...(remote ? { remote } : {}), ...(!caption && image.alt ? { alt: image.alt } : {}) };
  if (remote && link && isOnTheWeb(link.url) && isPictureAddress(link.url)) setLargerCopy(figure, link.url.startsWith('//') ? `https:${link.url}` : link.url);
  if (remote)
    report(file, 'import-remote-image', `the image ${remote} is on the web and was not fetched: put the file in the project and give the figure a src`, {
      line: image.position?.start.line ?? 1,
      column: image.position?.start.column ?? 1,
    });
  return figure;
}

/**
 * The chapter title is the level-1 heading; the body's headings start at level 2, keeping their
 * steps: a post whose sections are `###` (its site's theme printed the title as `##`) or `#`
 * gets `##` sections, as an HTML page's do (`html-to-mdast.ts`).
 */
function shiftHeadings(tree: Root): void {
  let top = 7;
  visit(tree, 'heading', (node) => {
    top = Math.min(top, node.depth);
  });
  if (top === 7 || top === 2) return;
  visit(tree, 'heading', (node) => {
    node.depth = Math.min(6, Math.max(1, node.depth + 2 - top)) as typeof node.depth;
  });
}
