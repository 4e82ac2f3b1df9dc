/**
 * Browsers stop nesting at 512 elements (Chromium's parser puts deeper ones beside their parent);
 * no real page comes near it, and the tree tools after the parser recurse once per level.
 */
export const maxMarkupDepth = 512;

/** Elements that never hold others. */
const voidElements = new Set([
  'area',
  'base',
  'basefont',
  'bgsound',
  'br',
  'col',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements whose end tag may be left out (the next one closes them): counting them would overstate the depth. */
const optionalEndElements = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'optgroup',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'rt',
  'rp',
  'colgroup',
  'caption',
  'html',
  'head',
  'body',
]);
/** Elements whose content is text, not markup. */
const rawTextElements = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

/**
 * The offset at which markup in `text` first nests deeper than `limit` elements, found from the
 * tags alone (without building a tree, which is what would overflow), or undefined. Escaped markup
 * (`&lt;div&gt;` in an export) does not count.
 */
export function tooDeepAt(text: string, limit = maxMarkupDepth): number | undefined {
  if (!text.includes('<')) return undefined;
  // Attributes are bounded so that text full of `<a` without a `>` stays linear.
  const tag = /<(\/?)([a-zA-Z][\w:.-]*)(?:[^>"']|"[^"]{0,4096}"|'[^']{0,4096}'){0,4096}?(\/?)>/g;
  let depth = 0;
  for (let match = tag.exec(text); match; match = tag.exec(text)) {
    const [whole, closing, rawName, selfClosing] = match;
    if (rawName === undefined) continue;
    const name = rawName.toLowerCase();
    if (voidElements.has(name) || optionalEndElements.has(name)) continue;
    if (closing) {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (selfClosing) continue;
    if (rawTextElements.has(name)) {
      // Past its end tag too: that closes nothing counted.
      const end = new RegExp(`</${name}[^>]*>`, 'gi');
      end.lastIndex = match.index + whole.length;
      tag.lastIndex = end.exec(text) ? end.lastIndex : text.length;
      continue;
    }
    depth++;
    if (depth > limit) return match.index;
  }
  return undefined;
}
