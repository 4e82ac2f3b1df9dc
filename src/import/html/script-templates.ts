import type { Element, Nodes, Root } from 'hast';
import type { Point } from 'unist';
import { visit } from 'unist-util-visit';
import { maxMarkupDepth } from '../markup-depth.ts';
import { elementsOf, hasClass, isElement, stringProperty, textContent } from './hast-tree.ts';
import { parseHtml } from './parse-html.ts';

/**
 * Google's own Blogger themes (security.googleblog.com, blog.google's older blogs) write the post
 * inside `<div itemprop="articleBody"><script type="text/template">…</script>` and draw it by
 * script, with a `<noscript>` copy after it or none. The template's HTML is the post: it is parsed
 * in place of the script, with its places in the page, and the copy goes. It is sanitised later as
 * all the article is; only a template that holds HTML inside a declared post body is read.
 * Returns where a template nested past the depth the page may still take (its elements set beside
 * each other there, as `parseHtml` does), for the importer to report.
 */
export function templatePostBodies(page: Root): Point | undefined {
  let flattenedAt: Point | undefined;
  for (const body of elementsOf(page).filter(isPostBody)) {
    const index = body.children.findIndex((child) => isElement(child, 'script') && isHtmlTemplate(child));
    const script = body.children[index];
    if (!isElement(script, 'script')) continue;
    const { children: parsed, flattenedAt: flattened } = parsedTemplate(script);
    flattenedAt ??= flattened;
    const rest = body.children.slice(index + 1);
    // The `<noscript>` after it is the same post again.
    const copy = rest.find((child) => child.type === 'element' || (child.type === 'text' && child.value.trim() !== ''));
    body.children = [...body.children.slice(0, index), ...parsed, ...rest.filter((child) => !(isElement(child, 'noscript') && child === copy))];
  }
  return flattenedAt;
}

function isPostBody(element: Element): boolean {
  return stringProperty(element, 'itemProp') === 'articleBody' || hasClass(element, 'post-body', 'post-content', 'entry-content');
}

function isHtmlTemplate(script: Element): boolean {
  return (stringProperty(script, 'type') ?? '').trim().toLowerCase() === 'text/template' && textContent(script).trimStart().startsWith('<');
}

/**
 * The template's HTML as nodes, each place moved to where the text stands in the page. The script
 * already stands deep in the page: the template may nest half as deep as a page.
 */
function parsedTemplate(script: Element): { children: Element['children']; flattenedAt?: Point } {
  const text = script.children[0];
  if (text?.type !== 'text') return { children: [] };
  const { tree: fragment, flattenedAt } = parseHtml(text.value, { fragment: true, maxDepth: maxMarkupDepth / 2 });
  const start = text.position?.start;
  const moved = (point: Point): Point | undefined =>
    start && {
      line: point.line + start.line - 1,
      column: point.line === 1 ? point.column + start.column - 1 : point.column,
      ...(point.offset === undefined || start.offset === undefined ? {} : { offset: point.offset + start.offset }),
    };
  visit(fragment, (node: Nodes) => {
    const [from, to] = node.position ? [moved(node.position.start), moved(node.position.end)] : [];
    if (from && to) node.position = { start: from, end: to };
    else delete node.position;
  });
  const children = fragment.children as Element['children'];
  if (!flattenedAt) return { children };
  return { children, flattenedAt: moved(flattenedAt) ?? script.position?.start ?? { line: 1, column: 1 } };
}
