import type { Element, ElementContent, Text } from 'hast';

/** A web address in running text: a scheme or `www.`, up to white space. */
const urlPattern = /(?:https?:\/\/|www\.)[^\s<>]+[^\s<>.,;:!?)\]’”'"]/g;

/**
 * Where a printed web address may break (Chicago Manual of Style 14.18): after a colon or a double
 * slash; before a single slash, tilde, full stop, comma, hyphen, underline, question mark, number
 * sign or percent sign; before or after an equals sign or ampersand. Never with an added hyphen.
 */
export function urlBreakPoints(url: string): number[] {
  const points: number[] = [];
  // Not before the last character: a line opening with a lone `/` or `.` reads as an error.
  for (let index = 1; index < url.length - 1; index++) {
    const before = url.charAt(index - 1);
    const at = url.charAt(index);
    const afterDoubleSlash = before === '/' && url.charAt(index - 2) === '/';
    const breaksAfter = (before === ':' && at !== '/') || afterDoubleSlash || before === '=' || before === '&';
    const breaksBefore = (at === '/' && before !== '/' && before !== ':' && url.charAt(index + 1) !== '/') || /[~.,\-_?#%=&]/.test(at);
    if (breaksAfter || breaksBefore) points.push(index);
  }
  return points;
}

/**
 * The tree with every web address in a `span.url` (no hyphenation) and `<wbr>` at the places where
 * it may break, so that a long address breaks where a reader expects and not mid-word. Skips code.
 * A new tree: the one given is left as it was, since its parts may be shared with the other formats
 * (the book's reference list is one tree for all three), which must not get print's break points.
 */
export function withUrlBreaks(element: Element): Element {
  if (element.tagName === 'code' || element.tagName === 'pre' || (element.properties.className as string[] | undefined)?.includes('url')) return element;
  return {
    ...element,
    children: element.children.flatMap((child): ElementContent[] => {
      if (child.type === 'element') return [withUrlBreaks(child)];
      return child.type === 'text' ? splitText(child) : [child];
    }),
  };
}

function splitText(node: Text): ElementContent[] {
  const out: ElementContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(urlPattern)) {
    const url = match[0];
    const start = match.index ?? 0;
    if (start > last) out.push({ type: 'text', value: node.value.slice(last, start) });
    const pieces: ElementContent[] = [];
    let from = 0;
    for (const point of [...urlBreakPoints(url), url.length]) {
      pieces.push({ type: 'text', value: url.slice(from, point) });
      if (point < url.length) pieces.push({ type: 'element', tagName: 'wbr', properties: {}, children: [] });
      from = point;
    }
    out.push({ type: 'element', tagName: 'span', properties: { className: ['url'] }, children: pieces });
    last = start + url.length;
  }
  if (out.length === 0) return [node];
  if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
  return out;
}
