import { Readability } from '@mozilla/readability';
import type { Element, Nodes, Parents, Root } from 'hast';
import { matches, select, selectAll } from 'hast-util-select';
import { toHtml } from 'hast-util-to-html';
import { parseHTML } from 'linkedom';
import { noteListSelector } from './footnotes.ts';
import {
  ancestorsOf,
  classNames,
  collapsedText,
  contains,
  elementsOf,
  hasClass,
  hasVisibleContent,
  headingTags,
  isElement,
  parentMap,
  stringProperty,
  textContent,
} from './hast-tree.ts';
import { parseJsonLd } from './json-ld.ts';
import { type ChromeKind, isPostItem, isTeaser, kindByMarkup } from './site-chrome.ts';
import { isFormula } from './tex-math.ts';
import { hintWords, pageTextStats, textStats } from './text-density.ts';

/**
 * Which part of a saved page is the article. Candidates come from two sides: Readability's
 * choice (text density and class weights over the whole page) and the page's own structure
 * (`[itemprop=articleBody]`, microformats, platform containers, classes that name a post body,
 * `article`, `main`). They are scored by how much prose they hold outside chrome, checked against
 * the article text the page declares in JSON-LD, and the page's own container around the chosen
 * text is preferred to a looser or tighter guess. A page listing several posts is recognised.
 */

/** How a candidate was found, strongest claim first. */
export type Claim = 'articleBody' | 'microformat' | 'platform' | 'named' | 'readability' | 'article' | 'main';

const claimWeights: Record<Claim, number> = {
  articleBody: 1.3,
  microformat: 1.2,
  platform: 1.2,
  named: 1.1,
  readability: 1,
  article: 0.9,
  main: 0.8,
};

/**
 * Containers that are a post body by the page's own markup; these may hold a photo and no text.
 * Tested element by element (class lists and one ancestor), which is far cheaper on a large page
 * than the equivalent selectors.
 */
const declaredContainers: { claim: Claim; test: (element: Element, parents: ReadonlyMap<Nodes, Parents>) => boolean; parts?: true }[] = [
  { claim: 'articleBody', test: (element) => hasWord(element.properties.itemProp, 'articleBody') },
  {
    claim: 'microformat',
    test: (element, parents) =>
      (hasClass(element, 'e-content') && hasAncestor(element, parents, (ancestor) => hasClass(ancestor, 'h-entry'))) ||
      (hasClass(element, 'entry-content') && hasAncestor(element, parents, (ancestor) => hasClass(ancestor, 'hentry'))),
  },
  {
    claim: 'platform',
    test: (element, parents) =>
      hasClass(element, 'entry-content', 'post-content', 'post-body', 'gh-content', 'post-full-content') ||
      // Substack's body; Ghost's cards sit directly in the post body.
      (hasClass(element, 'body') &&
        hasClass(element, 'markup') &&
        hasAncestor(element, parents, (ancestor) => hasClass(ancestor, 'available-content', 'post'))) ||
      element.children.some((child) => child.type === 'element' && hasClass(child, 'kg-card')),
  },
  // Medium splits a story into sections.
  {
    claim: 'platform',
    parts: true,
    test: (element, parents) =>
      element.tagName === 'section' && !pageChromeKind(element) && hasAncestor(element, parents, (ancestor) => ancestor.tagName === 'article'),
  },
];

function hasWord(value: unknown, word: string): boolean {
  return (Array.isArray(value) ? value.map(String) : String(value ?? '').split(/\s+/)).includes(word);
}

function hasAncestor(element: Element, parents: ReadonlyMap<Nodes, Parents>, test: (ancestor: Element) => boolean): boolean {
  for (let parent = parents.get(element); parent; parent = parents.get(parent)) if (parent.type === 'element' && test(parent)) return true;
  return false;
}

/** Class or id words that name a post's body: `article-body`, `storyContent`, `post__text`. */
const bodyOwners = new Set(['article', 'post', 'entry', 'story', 'blog', 'main', 'doc', 'docs']);
const bodyWords = new Set(['body', 'content', 'text']);
/** Single-word names classic themes give the post body (Kubrick's `entry`, WordPress 1.x's `storycontent`). */
const bodyNames = new Set(['entry', 'storycontent', 'postbody', 'posttext', 'entrytext', 'entrycontent', 'articlebody', 'articletext']);

export interface Candidate {
  elements: Element[];
  claim: Claim;
  /** Text outside links and outside parts the markup calls chrome. */
  prose: number;
  /** Text outside parts the markup calls chrome, links included. */
  own: number;
  /** All visible text. */
  text: number;
  /** The page's only post (outside sidebars and comments): its text may be a single line. */
  sole?: boolean;
}

export interface PageEvidence {
  /** The article text the page declares in JSON-LD (`articleBody`), when it does. */
  declaredBody: string | undefined;
  /** The page says it is one article (`og:type` article, a JSON-LD article type), not a listing. */
  declaresArticle: boolean;
}

/** What the page says about its article apart from its visible markup. */
export function pageEvidence(page: Root): PageEvidence {
  const bodies: string[] = [];
  const types: string[] = [];
  for (const script of selectAll('script[type="application/ld+json"]', page)) {
    // Broken JSON-LD says nothing.
    collectJsonLd(parseJsonLd(textContent(script)), bodies, types);
  }
  const declaredBody = bodies.sort((a, b) => b.length - a.length)[0];
  const ogType = select('meta[property="og:type"][content]', page);
  return {
    declaredBody: declaredBody && shingles(declaredBody).size >= 20 ? declaredBody : undefined,
    declaresArticle: (ogType && stringProperty(ogType, 'content')?.trim().toLowerCase()) === 'article' || types.some((type) => articleTypes.test(type)),
  };
}

const articleTypes = /^(Article|BlogPosting|NewsArticle|\w+NewsArticle|Report|ScholarlyArticle|TechArticle|SocialMediaPosting|LiveBlogPosting)$/;

/** Article bodies and the types of the page's top-level JSON-LD things (an ItemList's items are not the page's). */
function collectJsonLd(value: unknown, bodies: string[], types: string[], depth = 0): void {
  if (Array.isArray(value)) for (const item of value) collectJsonLd(item, bodies, types, depth);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'articleBody' && typeof inner === 'string') bodies.push(inner);
      else if (key === '@type' && depth <= 1) types.push(...(Array.isArray(inner) ? inner.map(String) : [String(inner)]));
      else if (key === '@graph') collectJsonLd(inner, bodies, types, depth);
      else collectJsonLd(inner, bodies, types, depth + 1);
    }
  }
}

export interface ReadablePick {
  /** The page elements Readability built its article from, in page order. */
  elements: Element[];
  title: string | undefined;
  byline: string | undefined;
}

/**
 * Readability's article, as the elements of our page it was made from: it runs on a linkedom copy
 * of the page in which every element carries its index.
 */
export function readablePick(page: Root): ReadablePick | undefined {
  const elements = elementsOf(page);
  // Marked in place and unmarked straight after: cheaper than a copy of a large page.
  elements.forEach((element, index) => {
    element.properties.dataAnthologyIndex = String(index);
  });
  // Generators make a heading's id from its text (Pandoc's, Hugo's, Jekyll's `id="headers"`,
  // `related-work`, `comments`): Readability would read the words as site chrome and drop the heading.
  const headingIds = elements.flatMap((element) =>
    headingTags.has(element.tagName) && element.properties.id !== undefined ? [[element, element.properties.id] as const] : [],
  );
  for (const [heading] of headingIds) delete heading.properties.id;
  const html = toHtml(page);
  for (const element of elements) delete element.properties.dataAnthologyIndex;
  for (const [heading, id] of headingIds) heading.properties.id = id;
  const article = readabilityArticle(html);
  if (!article?.content) return undefined;
  const picked: Element[] = [];
  // Readability hands back its own DOM element: the marks are read from it, not from reparsed HTML.
  const collect = (nodes: ArrayLike<DomElement>) => {
    for (const node of Array.from(nodes)) {
      const element = elements[Number(node.getAttribute('data-anthology-index') ?? Number.NaN)];
      if (element) picked.push(element);
      else collect(node.children);
    }
  };
  collect(article.content.children);
  if (picked.length === 0) return undefined;
  return {
    elements: withFormulas(beforePageFooter(picked, page), page),
    title: article.title?.trim() || undefined,
    byline: article.byline?.trim() || undefined,
  };
}

/**
 * Readability keeps the paragraphs and headings of a page that sets its text straight in `<body>`
 * and leaves out the formulas between them (MathJax 3's `<mjx-container>`, which it does not read
 * as prose): a formula set between two siblings it kept is the article's.
 */
function withFormulas(picked: readonly Element[], page: Root): Element[] {
  if (picked.length < 2) return [...picked];
  const parents = parentMap(page);
  const kept: Element[] = [];
  for (const [index, element] of picked.entries()) {
    const previous = picked[index - 1];
    const parent = parents.get(element);
    if (previous && parent && parents.get(previous) === parent) {
      const between = parent.children.slice(parent.children.indexOf(previous) + 1, parent.children.indexOf(element));
      kept.push(...between.filter((node): node is Element => node.type === 'element' && isFormula(node)));
    }
    kept.push(element);
  }
  return kept;
}

/**
 * Readability adds the article's sibling paragraphs when they read as prose, and so takes a site's
 * disclaimer when a hand-made layout sets its footer as loose paragraphs after `<p id="footer">`
 * (ebb.org). What comes after the page's footer starts is the footer's.
 */
function beforePageFooter(picked: readonly Element[], page: Root): Element[] {
  if (picked.length < 2) return [...picked];
  const parents = parentMap(page);
  const kept: Element[] = [];
  for (const element of picked) {
    const parent = parents.get(element);
    const before = parent ? parent.children.slice(0, parent.children.indexOf(element)) : [];
    const after = before.findLastIndex((node) => node.type === 'element' && kept.includes(node));
    if (kept.length > 0 && before.slice(after + 1).some((node) => node.type === 'element' && isFooterMark(node))) break;
    kept.push(element);
  }
  return kept;
}

function isFooterMark(element: Element): boolean {
  const names = [stringProperty(element, 'id') ?? '', ...classNames(element)];
  return element.tagName === 'footer' || stringProperty(element, 'role') === 'contentinfo' || names.some((name) => /^(?:site-|page-)?footer$/i.test(name));
}

/** The little of a DOM element that is read here (linkedom's elements are typed as the DOM's). */
interface DomElement {
  getAttribute(name: string): string | null;
  children: ArrayLike<DomElement>;
}

/** Readability throws on some malformed documents; for us that is a page it cannot read, not a crash. */
function readabilityArticle(html: string): ReturnType<Readability<DomElement>['parse']> {
  try {
    const { document } = parseHTML(html);
    return new Readability<DomElement>(document, { keepClasses: true, serializer: (node) => node as unknown as DomElement }).parse();
  } catch {
    return null;
  }
}

export type ArticleSearch = { kind: 'found'; containers: Element[]; claim: Claim } | { kind: 'listing'; count: number } | { kind: 'none'; emptyPost: boolean };

const minimumProse = 140;

/** The article of the page, or why there is none. */
export function findArticle(page: Root, parents: ReadonlyMap<Nodes, Parents>, evidence: PageEvidence, readable: ReadablePick | undefined): ArticleSearch {
  const structural = structuralCandidates(page, parents);
  const picked = readable ? candidateOf(readable.elements, 'readability') : undefined;
  const usable = [...(picked ? [picked] : []), ...structural].filter((candidate) => hasArticleText(candidate) && !inChrome(candidate, parents));
  const teasers = listedPosts(page, parents, usable, evidence);
  if (teasers > 1) return { kind: 'listing', count: teasers };
  if (usable.length === 0) {
    const emptyPost = structural.some((candidate) => candidate.claim !== 'article' && candidate.claim !== 'main' && candidate.claim !== 'named');
    return { kind: 'none', emptyPost };
  }
  const pool = checkedAgainstDeclaredBody(usable, evidence);
  const anchor = (declaredMatch(pool, picked, evidence) ??
    (picked && pool.includes(picked) ? (outweighing(picked, pool, parents) ?? picked) : bestScored(pool))) as Candidate;
  const chosen = tightest(anchor, pool, parents) ?? wider(anchor, pool, parents) ?? anchor;
  return { kind: 'found', containers: chosen.elements, claim: chosen.claim };
}

function structuralCandidates(page: Root, parents: ReadonlyMap<Nodes, Parents>): Candidate[] {
  const candidates: Candidate[] = [];
  const seen = new Set<Element>();
  const add = (elements: Element[], claim: Claim, sole = false) => {
    if (elements.length === 1 && seen.has(elements[0] as Element)) return;
    for (const element of elements) seen.add(element);
    candidates.push({ ...candidateOf(elements, claim), ...(sole ? { sole } : {}) });
  };
  const elements = elementsOf(page);
  for (const { test, claim, parts } of declaredContainers) {
    const found = outermost(
      elements.filter((element) => test(element, parents)),
      parents,
    );
    if (parts) for (const group of partsByArticle(found, parents)) add(group, claim);
    else for (const element of found) add([element], claim);
  }
  for (const element of elements) {
    if (!isElement(element, 'div', 'section', 'article', 'main')) continue;
    const words = hintWords(element);
    const named = (words.some((word) => bodyOwners.has(word)) && words.some((word) => bodyWords.has(word))) || words.some((word) => bodyNames.has(word));
    if (named && !pageChromeKind(element)) add([element], 'named');
  }
  // Post roots: `article`, microformats' `.hentry`/`.h-entry`, WordPress's `.post`. The only one on a page may be a very short post.
  const posts = outermost(elements.filter(isPostItem), parents);
  // (Not one that holds a declared post body: that body, even empty, is the post's text.)
  const declared = candidates.flatMap((candidate) => candidate.elements);
  const sole = posts.filter((post) => !isChromeRegion(post, parents, true)).length === 1;
  for (const element of posts)
    add([element], 'article', sole && !isChromeRegion(element, parents, true) && !declared.some((inner) => contains(element, inner, parents)));
  for (const element of elements) if (element.tagName === 'article') add([element], 'article');
  for (const element of elements) if (element.tagName === 'main' || stringProperty(element, 'role') === 'main') add([element], 'main');
  return candidates;
}

function outermost(elements: Element[], parents: ReadonlyMap<Nodes, Parents>): Element[] {
  return elements.filter((element) => !elements.some((other) => other !== element && contains(other, element, parents)));
}

/** Medium splits one story into sections: the parts of each article, grouped. */
function partsByArticle(parts: readonly Element[], parents: ReadonlyMap<Nodes, Parents>): Element[][] {
  const groups = new Map<Parents | undefined, Element[]>();
  for (const part of parts) {
    const article = ancestorsOf(part, parents).find((ancestor) => isElement(ancestor as Element, 'article'));
    groups.set(article, [...(groups.get(article) ?? []), part]);
  }
  return [...groups.values()];
}

// The page is read many times and never changed: what each element is, worked out once.
const chromeKinds = new WeakMap<Element, ChromeKind | null>();
const noteLists = new WeakMap<Element, boolean>();

function pageChromeKind(element: Element): ChromeKind | undefined {
  let kind = chromeKinds.get(element);
  if (kind === undefined) {
    kind = kindByMarkup(element) ?? null;
    chromeKinds.set(element, kind);
  }
  return kind ?? undefined;
}

function isNoteList(element: Element): boolean {
  let found = noteLists.get(element);
  if (found === undefined) {
    found = matches(noteListSelector, element);
    noteLists.set(element, found);
  }
  return found;
}

function candidateOf(elements: Element[], claim: Claim): Candidate {
  let prose = 0;
  let own = 0;
  let text = 0;
  for (const element of elements) {
    const all = pageTextStats(element);
    // A part named as chrome that holds most of the candidate is a wrapper with an unlucky class (`newsletter-post`).
    // Notes are not counted: those after the body come along with it wherever they are.
    const outsideChrome = textStats(
      element,
      (inner) =>
        inner !== element && (((pageChromeKind(inner) !== undefined || isTeaser(inner)) && pageTextStats(inner).text <= 0.5 * all.text) || isNoteList(inner)),
    );
    prose += outsideChrome.text - outsideChrome.links;
    own += outsideChrome.text;
    text += all.text;
  }
  return { elements, claim, prose, own, text };
}

/** A post body by markup needs only something to show (a photo post has no text); any other needs prose. */
function hasArticleText(candidate: Candidate): boolean {
  if (['articleBody', 'microformat', 'platform'].includes(candidate.claim) || candidate.sole) return candidate.elements.some(hasVisibleContent);
  return candidate.prose >= minimumProse && candidate.prose >= 0.5 * candidate.own;
}

/**
 * Inside comments, a sidebar, related posts or the page's navigation; a candidate that is not the
 * page's declared post body is also judged by its own class (Readability may pick a comment).
 */
function inChrome(candidate: Candidate, parents: ReadonlyMap<Nodes, Parents>): boolean {
  const judgeSelf = ['readability', 'article', 'main'].includes(candidate.claim);
  return candidate.elements.every((element) => isChromeRegion(element, parents, judgeSelf));
}

/**
 * Whether an element sits in a part of the page the markup calls chrome. The page's `body` and
 * `html` describe the page, not a part, and a part holding most of the page's prose is a wrapper
 * with an unlucky class (Substack's `article.newsletter-post`, page builders' `elementor-widget`),
 * not chrome.
 */
export function isChromeRegion(element: Element, parents: ReadonlyMap<Nodes, Parents>, judgeSelf: boolean): boolean {
  const page = ancestorsOf(element, parents).at(-1);
  const prose = (node: Nodes) => pageTextStats(node).text - pageTextStats(node).links;
  const pageProse = page ? prose(page) : 0;
  const isChrome = (node: Element) => pageChromeKind(node) !== undefined && !isElement(node, 'body', 'html') && prose(node) <= 0.5 * pageProse;
  const own = judgeSelf && isChrome(element) ? pageChromeKind(element) : undefined;
  if (own && own !== 'footer') return true;
  return ancestorsOf(element, parents).some((node) => node.type === 'element' && isChrome(node));
}

function candidateContains(outer: Candidate, inner: Candidate, parents: ReadonlyMap<Nodes, Parents>): boolean {
  return inner.elements.every((element) => outer.elements.some((container) => contains(container, element, parents)));
}

/**
 * The JSON-LD `articleBody` is the page's own statement of its text: when one candidate holds most
 * of it, candidates that hold almost none of it are not the article.
 */
function checkedAgainstDeclaredBody(candidates: Candidate[], evidence: PageEvidence): Candidate[] {
  if (!evidence.declaredBody) return candidates;
  const declared = shingles(evidence.declaredBody);
  const coverage = new Map(candidates.map((candidate) => [candidate, overlap(declared, shingles(candidate.elements.map(collapsedText).join(' ')))]));
  const confirmed = candidates.some((candidate) => (coverage.get(candidate) ?? 0) >= 0.6);
  if (!confirmed) return candidates;
  return candidates.filter((candidate) => (coverage.get(candidate) ?? 0) >= 0.2);
}

/**
 * The candidate whose text is the JSON-LD `articleBody` (most of it, and little else), when that is
 * the full text rather than a summary and Readability's choice matches it clearly worse.
 */
function declaredMatch(pool: readonly Candidate[], picked: Candidate | undefined, evidence: PageEvidence): Candidate | undefined {
  if (!evidence.declaredBody) return undefined;
  const declared = shingles(evidence.declaredBody);
  const agreement = (candidate: Candidate) => {
    const own = shingles(candidate.elements.map(collapsedText).join(' '));
    const shared = [...declared].filter((shingle) => own.has(shingle)).length;
    return shared === 0 ? 0 : (2 * shared) / (declared.size + own.size);
  };
  const scored = pool.map((candidate) => ({ candidate, score: agreement(candidate) })).sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.score < 0.6 || best.candidate === picked) return undefined;
  const pickedScore = scored.find(({ candidate }) => candidate === picked)?.score ?? 0;
  return best.score >= pickedScore + 0.1 ? best.candidate : undefined;
}

function bestScored(candidates: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  let bestScore = -1;
  for (const candidate of candidates) {
    const score = candidate.prose * claimWeights[candidate.claim];
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Tightens step by step: `main` to `article` to `.entry-content`, while each holds nearly all of the last. */
function tightest(anchor: Candidate, pool: readonly Candidate[], parents: ReadonlyMap<Nodes, Parents>): Candidate | undefined {
  let current: Candidate | undefined;
  for (let next = tighter(anchor, pool, parents); next; next = tighter(next, pool, parents)) current = next;
  return current;
}

/** The page's own container inside the chosen text that holds nearly all of its prose (not its header and footer). */
function tighter(anchor: Candidate, pool: readonly Candidate[], parents: ReadonlyMap<Nodes, Parents>): Candidate | undefined {
  const inner = pool.filter(
    (candidate) =>
      candidate !== anchor && candidate.claim !== 'readability' && candidateContains(anchor, candidate, parents) && candidate.prose >= 0.85 * anchor.prose,
  );
  return inner.sort((a, b) => b.text - a.text)[0];
}

/** The page's own post body around the chosen text, when it adds a little (a lead paragraph), not a page. */
function wider(anchor: Candidate, pool: readonly Candidate[], parents: ReadonlyMap<Nodes, Parents>): Candidate | undefined {
  const outer = pool.filter(
    (candidate) =>
      candidate !== anchor &&
      candidateContains(candidate, anchor, parents) &&
      // The page's declared post body is the article whatever Readability kept of it; a class named
      // for the body is trusted when it adds paragraphs (not just a headline and a dek) and no more
      // than the text it was given. An `article` element says too little (it often holds widgets).
      (declaredClaims.has(candidate.claim) ||
        (candidate.claim === 'named' &&
          candidate.prose <= 2 * anchor.prose &&
          (paragraphsOutside(candidate, anchor, parents) >= 2 || gapsFilled(candidate, anchor, parents) > 0))),
  );
  return outer.sort((a, b) => a.text - b.text)[0];
}

/** Paragraphs of prose in `outer` that are not in `inner`, nor in parts the markup calls chrome. */
function paragraphsOutside(outer: Candidate, inner: Candidate, parents: ReadonlyMap<Nodes, Parents>): number {
  const within = (element: Element) => inner.elements.some((container) => contains(container, element, parents));
  return outer.elements
    .flatMap((element) => selectAll('p, blockquote, li', element))
    .filter((block) => {
      if (within(block) || isChromeRegion(block, parents, true)) return false;
      const { text, links } = textStats(block);
      return text >= 80 && links < 0.3 * text;
    }).length;
}

/**
 * Blocks of text in `outer` between the first and the last of `inner`'s elements that `inner` left
 * out: Readability skips short paragraphs among the ones it keeps (Salon's `What can we learn from
 * this incident? Let’s start by parsing that tweet:`), which the page's own container holds.
 */
function gapsFilled(outer: Candidate, inner: Candidate, parents: ReadonlyMap<Nodes, Parents>): number {
  const first = inner.elements[0]?.position?.start.offset;
  const last = inner.elements.at(-1)?.position?.end.offset;
  if (inner.claim !== 'readability' || inner.elements.length < 2 || first === undefined || last === undefined) return 0;
  const within = (element: Element) => inner.elements.some((container) => contains(container, element, parents));
  return outer.elements
    .flatMap((element) => selectAll('p, blockquote', element))
    .filter((block) => {
      const start = block.position?.start.offset;
      if (start === undefined || start < first || start > last || within(block) || isChromeRegion(block, parents, true)) return false;
      const { text, links } = textStats(block);
      return text > 0 && links < 0.5 * text;
    }).length;
}

const declaredClaims = new Set<Claim>(['articleBody', 'microformat', 'platform']);

/**
 * A post body the page declares elsewhere that holds far more prose than Readability's choice:
 * Readability was drawn to a smaller block (a disclosure box, a caption table).
 */
function outweighing(picked: Candidate, pool: readonly Candidate[], parents: ReadonlyMap<Nodes, Parents>): Candidate | undefined {
  const rivals = pool.filter(
    (candidate) =>
      (declaredClaims.has(candidate.claim) || candidate.claim === 'named') &&
      candidate.prose >= 2 * picked.prose &&
      !candidateContains(candidate, picked, parents) &&
      !candidateContains(picked, candidate, parents),
  );
  return bestScored(rivals);
}

/**
 * Posts listed with their titles linking elsewhere, none of them the page's article: an index,
 * archive or search page. Duplicates (a page that prints its article twice) count once; posts in
 * sidebars, comments and related lists do not count; a candidate outside them with far more prose,
 * or with enough prose on a page that declares itself an article, is the page's article.
 */
function listedPosts(page: Root, parents: ReadonlyMap<Nodes, Parents>, usable: readonly Candidate[], evidence: PageEvidence): number {
  const items = outermost(elementsOf(page).filter(isPostItem), parents).filter((item) => !isChromeRegion(item, parents, true));
  const distinct = new Map<string, Element>();
  for (const item of items) {
    const key = collapsedText(item).slice(0, 300);
    if (!distinct.has(key)) distinct.set(key, item);
  }
  const ownAddress = pageAddresses(page);
  const teasers = [...distinct.values()].filter((item) => {
    const link = select('h1 a[href], h2 a[href], h3 a[href], h4 a[href], .entry-title a[href], .post-title a[href]', item);
    const href = link && stringProperty(link, 'href');
    return href !== undefined && !href.startsWith('#') && !ownAddress.has(withoutFragment(href));
  });
  if (teasers.length < 2) return 0;
  const proseOf = (element: Element) => candidateOf([element], 'article').prose;
  const sizes = teasers.map(proseOf).sort((a, b) => b - a);
  const [largest = 0, second = 0] = sizes;
  if (largest >= 2 * second) return 0;
  const outside = usable.filter(
    (candidate) => !candidate.elements.some((element) => teasers.some((teaser) => contains(element, teaser, parents) || contains(teaser, element, parents))),
  );
  if (outside.some((candidate) => candidate.prose >= 2 * largest && candidate.prose >= minimumProse)) return 0;
  // A page that says it is one article, with a post body of its own beside the teasers, is a short post with related posts.
  if (evidence.declaresArticle && outside.length > 0) return 0;
  return teasers.length;
}

function pageAddresses(page: Root): Set<string> {
  const addresses = new Set<string>();
  const canonical = select('link[rel~=canonical][href]', page);
  const ogUrl = select('meta[property="og:url"][content]', page);
  for (const value of [canonical && stringProperty(canonical, 'href'), ogUrl && stringProperty(ogUrl, 'content')])
    if (value) addresses.add(withoutFragment(value));
  return addresses;
}

function withoutFragment(url: string): string {
  return url.replace(/#.*$/, '');
}

/** Word trigrams, for comparing texts regardless of markup and spacing. */
function shingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  const found = new Set<string>();
  for (let index = 0; index + 2 < words.length; index++) found.add(`${words[index]} ${words[index + 1]} ${words[index + 2]}`);
  return found;
}

/** The share of `expected` found in `actual`. */
function overlap(expected: ReadonlySet<string>, actual: ReadonlySet<string>): number {
  if (expected.size === 0) return 0;
  let found = 0;
  for (const shingle of expected) if (actual.has(shingle)) found++;
  return found / expected.size;
}

export function debugCandidates(page: Root, parents: ReadonlyMap<Nodes, Parents>, readable: ReadablePick | undefined) {
  return [...(readable ? [candidateOf(readable.elements, 'readability')] : []), ...structuralCandidates(page, parents)].map((c) => ({
    claim: c.claim,
    el: c.elements
      .map((e) => `${e.tagName}.${(e.properties.className as string[] | undefined)?.join('.') ?? ''}#${e.properties.id ?? ''}@${e.position?.start.line}`)
      .join(' + '),
    prose: c.prose,
    text: c.text,
    usable: hasArticleText(c),
    chrome: inChrome(c, parents),
  }));
}
