import type { ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { FootnoteDefinition, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import {
  type CitationCluster,
  type CitationJob,
  type CiteStyle,
  type CslJsonItem,
  type JobHtml,
  type RenderedBibliography,
  renderCitationJob,
} from '../core/citations.ts';
import { contentKey, type Memo, noMemo } from '../core/memo.ts';
import { report } from '../core/rules.ts';
import type { Chapter } from '../core/types.ts';
import type { Citation } from '../load/citation-syntax.ts';
import { citationsInNotes } from './auto-notes.ts';

/** A citation cluster found in a chapter, with the footnote it sits in (0 = the running text). */
interface FoundCitation {
  node: Citation;
  noteIndex: number;
  /** The text right after the citation, if any: a style's closing full stop goes before `; …`. */
  following: string | undefined;
  /** That text's node: its full stop goes after a citation that ends with one inside quotes (`…Future.”`). */
  followingNode?: Text;
  /** First thing in its note: a note starts with a capital (`See …`, `Ibid.`). */
  startsNote: boolean;
}

/**
 * Finds the chapter's citations in reading order: the running text first-to-last, and each
 * footnote where its first marker is (which is how notes are numbered in print).
 */
function citationsInReadingOrder(tree: Root): FoundCitation[] {
  const definitions = new Map<string, FootnoteDefinition>();
  for (const node of tree.children) if (node.type === 'footnoteDefinition') definitions.set(node.identifier, node);
  const found: FoundCitation[] = [];
  const seenNotes = new Set<string>();
  let noteNumber = 0;
  const walk = (node: Root | FootnoteDefinition, noteIndex: number) => {
    visit(node, (child, index, parent) => {
      if (child.type === 'footnoteDefinition' && child !== node) return 'skip';
      if (child.type === 'citation') {
        const next = parent && index !== undefined ? parent.children[index + 1] : undefined;
        const startsNote = node.type === 'footnoteDefinition' && index === 0 && node.children[0] === parent;
        const following = next?.type === 'text' ? (textAsWritten.get(next) ?? next.value) : undefined;
        found.push({ node: child, noteIndex, following, ...(next?.type === 'text' ? { followingNode: next } : {}), startsNote });
      }
      if (child.type === 'footnoteReference' && !seenNotes.has(child.identifier)) {
        seenNotes.add(child.identifier);
        const definition = definitions.get(child.identifier);
        if (definition) {
          noteNumber += 1;
          walk(definition, noteNumber);
        }
      }
      return undefined;
    });
  };
  walk(tree, 0);
  return found;
}

/** citeproc's HTML as hast, its links' addresses percent-encoded (`encodeHref`). */
function toHast(html: string): ElementContent[] {
  const tree = fromHtml(html, { fragment: true }) as HastRoot;
  visit(tree, 'element', (element) => {
    if (element.tagName === 'a' && typeof element.properties.href === 'string') element.properties.href = encodeHref(element.properties.href);
  });
  return (tree.children as ElementContent[]).map(withoutPlaces);
}

/**
 * A copy of citeproc's hast without the `position` hast-util-from-html gives every node: nothing
 * reads where in citeproc's HTML a node was, and the book holds every citation and the reference
 * list through its outputs (a list of 8,880 works took 44 MB with them, 15 MB without).
 * Copied, not deleted: an object that loses a property is stored as a slower, larger dictionary.
 */
function withoutPlaces(node: ElementContent): ElementContent {
  if (node.type === 'element') return { type: 'element', tagName: node.tagName, properties: node.properties, children: node.children.map(withoutPlaces) };
  if (node.type === 'text' || node.type === 'comment') return { type: node.type, value: node.value };
  return node;
}

/**
 * An address as an `href` may hold it: citeproc links a DOI or URL as written in the item
 * (`https://doi.org/10.1002/(SICI)…19:4<377::AID-JCC1>3.0.CO;2-P`), and `<`, `>`, spaces, quotes,
 * braces and non-ASCII letters are not allowed in a URL (vnu and epubcheck's RSC-020 refuse the
 * page). Each is percent-encoded as UTF-8; a `%` already starting an escape is kept, a lone one
 * encoded, every character a URL allows left as it is.
 */
export function encodeHref(href: string): string {
  return href.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g, encodeUnsafe);
}

function encodeUnsafe(unsafe: string): string {
  try {
    return encodeURIComponent(unsafe);
  } catch {
    // A lone surrogate (half of a character) cannot be UTF-8: encoded as U+FFFD, as a browser would.
    return encodeURIComponent(unsafe.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
  }
}

/** `…, 2019.` followed by `; author interview…` in the note: the style's full stop must go (`insideQuotes`: `“…Links.”` too). */
function dropFinalFullStop(nodes: ElementContent[], insideQuotes: boolean): boolean {
  for (let index = nodes.length - 1; index >= 0; index--) {
    const node = nodes[index];
    if (!node) continue;
    if (node.type === 'text') {
      if (node.value.trim() === '') continue;
      node.value = node.value.replace(insideQuotes ? /\.([”’"']?\s*)$/ : /\.(\s*)$/, '$1');
      return true;
    }
    if (node.type === 'element') return dropFinalFullStop(node.children, insideQuotes);
  }
  return false;
}

/** The text after a citation as the chapter has it, before `settleFollowingStop` took its full stop (rendering again starts from it). */
const textAsWritten = new WeakMap<Text, string>();

/**
 * `“…Bright Future.”` then the note's own `.`: the style put the full stop inside the quotation
 * marks (American usage), so the one written after the citation goes, as Pandoc does; a style
 * that leaves it outside (`…Future”`) keeps it.
 */
function settleFollowingStop(following: Text, citation: ElementContent[]): void {
  const written = textAsWritten.get(following) ?? following.value;
  textAsWritten.set(following, written);
  following.value = written.startsWith('.') && /[.?!][”’"']$/.test(lastText(citation).trimEnd()) ? written.slice(1) : written;
}

function lastText(nodes: readonly ElementContent[]): string {
  for (let index = nodes.length - 1; index >= 0; index--) {
    const node = nodes[index];
    if (node?.type === 'text' && node.value.trim() !== '') return node.value;
    if (node?.type === 'element') {
      const inner = lastText(node.children);
      if (inner) return inner;
    }
  }
  return '';
}

function capitaliseFirstLetter(nodes: ElementContent[]): boolean {
  for (const node of nodes) {
    if (node.type === 'text' && node.value.trim() !== '') {
      node.value = node.value.replace(/^(\s*)(\p{Ll})/u, (_, space: string, letter: string) => space + letter.toUpperCase());
      return true;
    }
    if (node.type === 'element' && capitaliseFirstLetter(node.children)) return true;
  }
  return false;
}

/** A cluster of a chapter as citeproc is given it, with where it goes and how its HTML is settled. */
interface PlannedCluster {
  found: FoundCitation;
  cluster: CitationCluster;
  keys: string[];
  /** The style's closing full stop goes (`; …` follows). */
  /**
   * The style's closing full stop goes before the text's own `.` (`…2019` + `.`), and before `;`,
   * `,` or `:` even inside closing quotation marks (`…Links”;`); a `.”` before `.` stays (`settleFollowingStop`).
   */
  dropStop: 'before-stop' | 'before-mark' | undefined;
}

/** A chapter's citations planned for citeproc: its clusters, the works they cite, and the citations citing nothing known. */
interface ChapterPlan {
  clusters: PlannedCluster[];
  works: CslJsonItem[];
  unresolved: { node: Citation; keys: string[] }[];
  /** The memo key, once worked out: the style's fingerprint and the key. */
  key?: [string, string];
}

// Each chapter's plan, made once for the works it was made against: `citeBookInParallel` asks for
// the jobs and the keys cited, then `citeBook` renders, each from the same plan.
// A body made notes of, or given back (`citationsInNotes`), is a new `children` list: a new plan.
// Plans are remembered by the body they were made from, so a plan lives no longer than its body
// (remembered by the chapter, each held its chapter's body, and every old body, through the build).
const plans = new WeakMap<Chapter['tree']['children'], { items: ReadonlyMap<string, CslJsonItem>; plan: ChapterPlan }>();

/** What citeproc is to be asked for a chapter (pure: nothing reported, nothing changed). */
function planChapter(chapter: Chapter, items: ReadonlyMap<string, CslJsonItem>): ChapterPlan {
  const made = plans.get(chapter.tree.children);
  if (made?.items === items) return made.plan;
  const plan = newPlan(chapter, items);
  plans.set(chapter.tree.children, { items, plan });
  return plan;
}

function newPlan(chapter: Chapter, items: ReadonlyMap<string, CslJsonItem>): ChapterPlan {
  const chapterItems = new Map<string, CslJsonItem>();
  const clusters: PlannedCluster[] = [];
  const unresolved: ChapterPlan['unresolved'] = [];
  citationsInReadingOrder(chapter.tree).forEach((entry, index) => {
    const { node, noteIndex } = entry;
    const known = node.items.filter((item) => items.has(item.key));
    const unknown = node.items.filter((item) => !items.has(item.key)).map((item) => item.key);
    if (unknown.length > 0 || known.length === 0) unresolved.push({ node, keys: unknown });
    if (known.length === 0) return;
    for (const item of known) chapterItems.set(item.key, items.get(item.key)!);
    const cluster: CitationCluster = {
      citationID: `c${index + 1}`,
      citationItems: known.map((item) => ({
        id: item.key,
        ...(item.locator ? { locator: item.locator, label: item.label ?? 'page' } : {}),
        ...(item.prefix ? { prefix: `${item.prefix} ` } : {}),
        // `[@key, 33, and nowhere else]`: a suffix that starts with punctuation follows the locator without a space.
        ...(item.suffix ? { suffix: /^[,;.:]/.test(item.suffix) ? item.suffix : ` ${item.suffix}` } : {}),
        ...(item.suppressAuthor ? { 'suppress-author': true } : {}),
      })),
      // The note number; an in-text style gets 0 (`renderCitationJob`).
      properties: { noteIndex, ...modeOf(node) },
    };
    clusters.push({ found: entry, cluster, keys: known.map((item) => item.key), dropStop: stopBefore(entry) });
  });
  // An author in the text stands where its note's citation is (`renderCitationJob`).
  const noteCluster = new Map(clusters.flatMap(({ found, cluster }) => (found.node.note && !found.node.mode ? [[found.node.note, cluster.citationID]] : [])));
  for (const { found, cluster } of clusters) {
    const inPlaceOf = found.node.mode === 'author-only' && found.node.note ? noteCluster.get(found.node.note) : undefined;
    if (inPlaceOf) cluster.properties.inPlaceOf = inPlaceOf;
  }
  return { clusters, works: [...chapterItems.values()], unresolved };
}

/** citeproc's mode for a citation node: Pandoc's in-text form is `Smith (2010)` (`composite`); an author left in the text by its note, the author alone. */
function modeOf(node: Citation): Pick<CitationCluster['properties'], 'mode'> {
  return node.mode === 'in-text' ? { mode: 'composite' } : node.mode === 'author-only' ? { mode: 'author-only' } : {};
}

/**
 * Whether the style's closing full stop goes: before `;`, `,`, `:` or `.` written after the
 * citation; and an in-text citation in a note (a notes style renders it as any other) before
 * words going on with the sentence (`see @key [p. 3] for more`), as Pandoc drops it.
 */
function stopBefore(entry: FoundCitation): PlannedCluster['dropStop'] {
  const next = /^\s*([;,.:])/.exec(entry.following ?? '')?.[1];
  if (next !== undefined) return next === '.' ? 'before-stop' : 'before-mark';
  return entry.node.mode === 'in-text' && entry.noteIndex > 0 && /^\s*[\p{Ll}\p{N}(]/u.test(entry.following ?? '') ? 'before-mark' : undefined;
}

/** The works a chapter's citations cite, in the order `renderChapterCitations` meets them. */
export function citedKeys(chapter: Chapter, items: ReadonlyMap<string, CslJsonItem>): string[] {
  return planChapter(chapter, items).clusters.flatMap((cluster) => cluster.keys);
}

/** The memo key of a planned chapter's citations (a function: a memo that does not remember never hashes the works). */
const planKey = (plan: ChapterPlan, style: CiteStyle) => (): string => {
  if (plan.key?.[0] !== style.fingerprint) plan.key = [style.fingerprint, citationsKey(style.fingerprint, plan.works, plan.clusters)];
  return plan.key[1];
};

/**
 * The citeproc jobs of the chapters whose citations `memo` does not hold: what may be rendered
 * together beforehand (`CiteStyle.renderJobs`, in worker threads) and handed to
 * `renderChapterCitations` as `rendered`.
 */
export function citationJobs(
  chapters: readonly Chapter[],
  items: ReadonlyMap<string, CslJsonItem>,
  style: CiteStyle,
  memo: Memo = noMemo,
): { chapter: Chapter; job: CitationJob }[] {
  const jobs: { chapter: Chapter; job: CitationJob }[] = [];
  for (const chapter of chapters) {
    citationsInNotes(chapter.tree, style.isNoteStyle === true, items);
    const plan = planChapter(chapter, items);
    if (plan.clusters.length === 0 || memo.has('citations', planKey(plan, style))) continue;
    jobs.push({ chapter, job: { works: plan.works, clusters: plan.clusters.map(({ cluster }) => cluster) } });
  }
  return jobs;
}

/**
 * Renders every citation of a chapter with one citeproc engine, fed in reading order so the style
 * decides first (full) notes, later short notes and Ibid. Each chapter of an edited volume starts
 * afresh. Citation nodes get their rendered HTML as `data.hChildren` for mdast → hast. What the
 * engine makes depends only on the clusters (keys, locators, affixes, note numbers, and whether a
 * full stop or capital is to be settled), the works they cite and the style: `memo` remembers it by
 * those, so an unchanged chapter needs no engine at all. `rendered`: what citeproc made of this
 * chapter's job already (`citationJobs`).
 */
export function renderChapterCitations(
  chapter: Chapter,
  items: ReadonlyMap<string, CslJsonItem>,
  style: CiteStyle,
  file: VFile,
  memo: Memo = noMemo,
  rendered?: JobHtml,
): Set<string> {
  citationsInNotes(chapter.tree, style.isNoteStyle === true, items);
  const plan = planChapter(chapter, items);
  for (const { node, keys } of plan.unresolved) {
    const place = node.position?.start;
    for (const key of keys)
      report(file, 'cite-unresolved', `citation key @${key} is not in the bibliography`, place ? { line: place.line, column: place.column } : undefined);
    if (keys.length === node.items.length) {
      node.data = { hName: 'span', hProperties: { className: ['citation', 'unresolved'] }, hChildren: [{ type: 'text', value: node.value }] };
    }
  }
  const cited = new Set<string>();
  if (plan.clusters.length === 0) return cited;
  // Each cluster as hast for its citation node, the style's full stop and capital settled.
  const hast = memo.value('citations', planKey(plan, style), (): ElementContent[][] => {
    const job =
      rendered ??
      renderCitationJob(
        style.citationEngine(plan.works),
        plan.clusters.map(({ cluster }) => cluster),
      );
    const html = new Map(job.html);
    return plan.clusters.map(({ cluster, dropStop, found: entry }) => {
      const children = toHast(html.get(cluster.citationID) ?? '');
      if (dropStop) dropFinalFullStop(children, dropStop === 'before-mark');
      if (entry.startsNote && job.isNoteStyle) capitaliseFirstLetter(children);
      return children;
    });
  });
  plan.clusters.forEach(({ found: entry, keys }, index) => {
    entry.node.data = { hName: 'span', hProperties: { className: ['citation'], dataCites: keys.join(' ') }, hChildren: hast[index] ?? [] };
    if (entry.followingNode) settleFollowingStop(entry.followingNode, hast[index] ?? []);
    for (const key of keys) cited.add(key);
  });
  return cited;
}

/**
 * The key of each rendered entry, in order, when the engine did not say (`printed_keys`). citeproc lists in `entry_ids` the works it printed
 * nothing for too (an item with no printable form), so then each is rendered alone to see which.
 */
function renderedKeys(keys: string[], renderedCount: number, items: ReadonlyMap<string, CslJsonItem>, style: CiteStyle): string[] {
  if (keys.length === renderedCount) return keys;
  return keys.filter((key) => {
    const item = items.get(key);
    const alone = item ? style.engine([item]).makeBibliography() : undefined;
    if (!alone) return false;
    return alone[1].some((entry) => entry.trim() !== '');
  });
}

/**
 * The reference list for `keys` (the whole book, or one chapter), in the style's order.
 * `whenSorted`: as `CiteStyle.bibliography` (not called when `memo` has the list).
 */
export function renderBibliography(
  keys: Iterable<string>,
  items: ReadonlyMap<string, CslJsonItem>,
  style: CiteStyle,
  memo: Memo = noMemo,
  whenSorted?: () => void,
): RenderedBibliography | undefined {
  const entries = listedWorks(keys, items);
  if (entries.length === 0) return undefined;
  // Remembered by the works listed (in the order given: citeproc breaks ties by it) and the style.
  let key: string | undefined;
  const keyOfList = () => {
    key ??= contentKey(style.fingerprint, entries);
    return key;
  };
  const made = memo.value('bibliography', keyOfList, () => listFrom(style.bibliography(entries, whenSorted), items, style));
  // A memo that remembers nothing never made the key: pages then show the list without one.
  return made ? { ...made, ...(key ? { key } : {}) } : undefined;
}

/**
 * `renderBibliography`, with the list made in a worker thread (`CiteStyle.bibliographyAhead`,
 * started here) when `memo` does not hold it, and remembered when it comes back. The list's key
 * is worked out once (at 500 chapters it hashes ~41,000 works).
 */
export async function renderBibliographyAhead(
  keys: Iterable<string>,
  items: ReadonlyMap<string, CslJsonItem>,
  style: CiteStyle,
  memo: Memo,
): Promise<RenderedBibliography | undefined> {
  const entries = listedWorks(keys, items);
  if (entries.length === 0) return undefined;
  const key = contentKey(style.fingerprint, entries);
  const remembered = memo.recall<RenderedBibliography | null>('bibliography', key);
  if (remembered !== undefined) return remembered ? { ...remembered, key } : undefined;
  const list = await style.bibliographyAhead().list(entries);
  const made = memo.value('bibliography', key, () => listFrom(list, items, style));
  return made ? { ...made, key } : undefined;
}

function listedWorks(keys: Iterable<string>, items: ReadonlyMap<string, CslJsonItem>): CslJsonItem[] {
  return [...keys].map((key) => items.get(key)).filter((item): item is CslJsonItem => item !== undefined);
}

function listFrom(bibliography: ReturnType<CiteStyle['bibliography']>, items: ReadonlyMap<string, CslJsonItem>, style: CiteStyle): RenderedBibliography | null {
  if (!bibliography) return null;
  const [meta, html] = bibliography;
  return {
    entries: toHast(`${meta.bibstart}${html.join('')}${meta.bibend}`),
    hangingIndent: Boolean(meta.hangingindent),
    keys:
      meta.printed_keys ??
      renderedKeys(
        meta.entry_ids.map((ids) => ids[0] ?? ''),
        html.length,
        items,
        style,
      ),
  };
}

/** The chapter's citations' cache key: the style, the works cited and every cluster as rendered. */
function citationsKey(
  styleFingerprint: string,
  works: readonly unknown[],
  clusters: readonly { cluster: unknown; dropStop: unknown; found: { startsNote: unknown } }[],
): string {
  return contentKey(
    styleFingerprint,
    works,
    clusters.map(({ cluster, dropStop, found }) => [cluster, dropStop, found.startsNote]),
  );
}
