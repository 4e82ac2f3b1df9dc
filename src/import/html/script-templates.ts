import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Point } from 'unist';
import { visit } from 'unist-util-visit';
import { elementsOf, hasClass, isElement, stringProperty, textContent } from './hast-tree.ts';

/**
 * Google's own Blogger themes (security.googleblog.com, blog.google's older blogs) write the post
 * inside `<div itemprop="articleBody"><script type="text/template">…</script>` and draw it by
 * script, with a `<noscript>` copy after it or none. The template's HTML is the post: it is parsed
 * in place of the script, with its places in the page, and the copy goes. It is sanitised later as
 * all the article is; only a template that holds HTML inside a declared post body is read.
 */
export function templatePostBodies(page: Root): void {
  for (const body of elementsOf(page).filter(isPostBody)) {
    const index = body.children.findIndex((child) => isElement(child, 'script') && isHtmlTemplate(child));
    const script = body.children[index];
    if (!isElement(script, 'script')) continue;
    const parsed = parsedTemplate(script);
    const rest = body.children.slice(index + 1);
    // The `<noscript>` after it is the same post again.
    const copy = rest.find((child) => child.type === 'element' || (child.type === 'text' && child.value.trim() !== ''));
    body.children = [...body.children.slice(0, index), ...parsed, ...rest.filter((child) => !(isElement(child, 'noscript') && child === copy))];
  }
}

function isPostBody(element: Element): boolean {
  return stringProperty(element, 'itemProp') === 'articleBody' || hasClass(element, 'post-body', 'post-content', 'entry-content');
}

function isHtmlTemplate(script: Element): boolean {
  return (stringProperty(script, 'type') ?? '').trim().toLowerCase() === 'text/template' && textContent(script).trimStart().startsWith('<');
}

/** The template's HTML as nodes, each place moved to where the text stands in the page. */
function parsedTemplate(script: Element): Element['children'] {
  const text = script.children[0];
  if (text?.type !== 'text') return [];
  const fragment = fromHtml(text.value, { fragment: true });
  const start = text.position?.start;
  if (start) {
    const moved = (point: Point): Point => ({
      line: point.line + start.line - 1,
      column: point.line === 1 ? point.column + start.column - 1 : point.column,
      ...(point.offset === undefined || start.offset === undefined ? {} : { offset: point.offset + start.offset }),
    });
    visit(fragment, (node: Nodes) => {
      if (node.position) node.position = { start: moved(node.position.start), end: moved(node.position.end) };
    });
  } else visit(fragment, (node: Nodes) => void delete node.position);
  return fragment.children as Element['children'];
}
