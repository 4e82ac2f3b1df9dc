import type { Element, ElementContent, Nodes, Parents, Root } from 'hast';
import type { DateOptions } from '../../core/dates.ts';
import { readByline } from '../byline.ts';
import { collapsedText, elementsOf, headingTags, parentMap } from './hast-tree.ts';
import { kindByMarkup } from './site-chrome.ts';
import { textStats } from './text-density.ts';

/**
 * A page that sets several articles one after another, each under its own heading with its own
 * byline right under it: a weekly edition (LWN's front page: three features, each `<h2>` title, `By
 * Nathan Willis` and its date), a digest, a newspaper's page of columns. Each is a piece of its
 * own; what stands before the first and after the last (the edition's contents, its editor's
 * credit) is the edition's.
 */
export interface IssueArticle {
  heading: Element;
  byline: Element;
  authors: string[];
  editors: string[];
  date: string | undefined;
  /** The article's blocks, its heading and byline first. */
  nodes: ElementContent[];
}

export interface Issue {
  articles: IssueArticle[];
  /** The page's blocks before the first article (an editor's introduction, a masthead). */
  before: ElementContent[];
  /** And after the last (the edition's contents, links to its other pages). */
  after: ElementContent[];
}

/** An article needs prose of its own, not just a title and a byline (a teaser). */
const minimumProse = 140;

/** The articles of an issue page, when it is one: two or more headings of one rank among siblings, each with a byline under it and prose after. */
export function readIssue(content: Root, dates: DateOptions): Issue | undefined {
  const inChrome = chromeReader(parentMap(content));
  let best: { parent: Parents; starts: Start[] } | undefined;
  for (const parent of [content, ...elementsOf(content)]) {
    if (parent.type === 'element' && inChrome(parent)) continue;
    const starts = articleStarts(parent, dates);
    if (starts.length >= 2 && starts.length > (best?.starts.length ?? 0)) best = { parent, starts };
  }
  if (!best) return undefined;
  const { parent, starts } = best;
  const children = childrenOf(parent);
  const indexes = starts.map((start) => children.indexOf(start.heading));
  const rank = headingRank(starts[0]?.heading);
  // The last article ends at the next heading of its rank or higher that opens no article (`Inside this week's edition`).
  const lastStart = indexes.at(-1) as number;
  const closing = children.findIndex((child, index) => index > lastStart && child.type === 'element' && headingRank(child) <= rank);
  const end = closing < 0 ? children.length : closing;
  const articles = starts.map((start, position) => ({
    ...start,
    nodes: children.slice(indexes[position], position + 1 < indexes.length ? indexes[position + 1] : end),
  }));
  if (articles.some((article) => prose(article.nodes) < minimumProse)) return undefined;
  return {
    articles,
    before: [...outside(content, parent, 'before'), ...children.slice(0, indexes[0])],
    after: [...children.slice(end), ...outside(content, parent, 'after')],
  };
}

interface Start {
  heading: Element;
  byline: Element;
  authors: string[];
  editors: string[];
  date: string | undefined;
}

/** The headings among a parent's children that a byline follows, all of the rank the first has. */
function articleStarts(parent: Parents, dates: DateOptions): Start[] {
  const elements = childrenOf(parent).filter((child): child is Element => child.type === 'element');
  const starts: Start[] = [];
  for (const [index, heading] of elements.entries()) {
    const byline = elements[index + 1];
    if (!headingTags.has(heading.tagName) || !byline || headingTags.has(byline.tagName)) continue;
    const text = collapsedText(byline);
    if (text.length > 150) continue;
    const read = readByline(text, dates);
    if (read.cued && read.authors.length > 0) starts.push({ heading, byline, authors: read.authors, editors: read.editors, date: read.date });
  }
  const rank = headingRank(starts[0]?.heading);
  return starts.filter((start) => headingRank(start.heading) === rank);
}

function headingRank(node: Nodes | undefined): number {
  return node?.type === 'element' && headingTags.has(node.tagName) ? Number(node.tagName.slice(1)) : Number.POSITIVE_INFINITY;
}

/**
 * Whether an element is inside chrome by its markup, itself or an ancestor (comments and related
 * posts have headings and bylines too), each element's answer remembered for the page: every
 * element of the page is asked, and asking each ancestor again made a 1 MB Wikipedia page take a
 * minute.
 */
function chromeReader(parents: ReadonlyMap<Nodes, Parents>): (element: Element) => boolean {
  const known = new Map<Element, boolean>();
  const inChrome = (element: Element): boolean => {
    let answer = known.get(element);
    if (answer === undefined) {
      const parent = parents.get(element);
      answer = kindByMarkup(element) !== undefined || (parent?.type === 'element' && inChrome(parent));
      known.set(element, answer);
    }
    return answer;
  };
  return inChrome;
}

function prose(nodes: readonly ElementContent[]): number {
  return nodes.reduce((sum, node) => {
    const { text, links } = textStats(node);
    return sum + text - links;
  }, 0);
}

/** The blocks of the content before or after the subtree that holds the articles, outermost first. */
function outside(content: Root, holder: Parents, side: 'before' | 'after'): ElementContent[] {
  if (holder === content) return [];
  const parents = parentMap(content);
  const found: ElementContent[] = [];
  let node: Nodes = holder;
  for (let parent = parents.get(node); parent; node = parent, parent = parents.get(node)) {
    const children = childrenOf(parent);
    const index = children.indexOf(node as ElementContent);
    const siblings = side === 'before' ? children.slice(0, index) : children.slice(index + 1);
    if (side === 'before') found.unshift(...siblings);
    else found.push(...siblings);
  }
  return found;
}

/** A root's children are an element's but for a doctype, which a body's copy never holds. */
function childrenOf(parent: Parents): ElementContent[] {
  const children: ElementContent[] = [];
  for (const child of parent.children as (ElementContent | { type: 'doctype' })[]) if (child.type !== 'doctype') children.push(child);
  return children;
}
