import { XMLParser } from 'fast-xml-parser';

/**
 * What in an SVG file would run script or load something from outside the book, in words, or
 * undefined. An SVG is a document: opened on its own (a reader following the site's link to the
 * picture), its `<script>` and `onload` run with the site's address, and its `<image
 * href="https://…">` is fetched. A picture from an imported post is untrusted input, so the book
 * carries no such SVG. Read as XML (entities decoded, so `&#106;avascript:` is `javascript:`),
 * not by pattern.
 */
export function svgActiveContent(text: string): string | undefined {
  // Entities declared in the file could hide a name from this reading (or expand a billion times).
  if (/<!ENTITY/i.test(text)) return 'declares XML entities';
  let tree: unknown;
  try {
    tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, processEntities: true, htmlEntities: true }).parse(text);
  } catch {
    // sharp (librsvg) read it as a picture; what XML cannot read is left to that reading.
    return undefined;
  }
  return activeIn(tree);
}

/**
 * Elements that run script, embed another document or send the reader elsewhere. Not
 * `<foreignObject>`: the HTML in it is how diagram tools (draw.io, Mermaid) set their labels, and
 * what in it could run or load (these, handlers, addresses, styles) is looked for like anywhere else.
 */
const ACTIVE_ELEMENTS = new Set(['script', 'handler', 'listener', 'iframe', 'frame', 'embed', 'object', 'applet', 'meta', 'base', 'portal', 'form']);
/** Attributes whose value is an address (loaded, followed or submitted to). */
const ADDRESS_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'poster', 'background', 'ping', 'action', 'formaction', 'data', 'srcdoc', 'lowsrc', 'dynsrc']);
/** Elements whose address is loaded, not followed (HTML's inside a `<foreignObject>` too). */
const LOADING_ELEMENTS = new Set(['image', 'use', 'feimage', 'tref', 'font-face-uri', 'cursor', 'audio', 'video', 'source', 'img', 'link', 'track', 'input']);

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, unknown> };

function activeIn(nodes: unknown): string | undefined {
  if (!Array.isArray(nodes)) return undefined;
  for (const node of nodes as XmlNode[]) {
    for (const [name, children] of Object.entries(node)) {
      if (name === ':@') continue;
      const local = localName(name);
      if (name === '#text') {
        if (typeof children === 'string' && loadsFromOutside(children)) return `loads a file from outside in its style (${shown(children)})`;
        continue;
      }
      if (ACTIVE_ELEMENTS.has(local)) return `has a <${name}> element`;
      const found = activeAttribute(local, node[':@'] ?? {}) ?? activeIn(children);
      if (found) return found;
    }
  }
  return undefined;
}

/** SMIL elements that set another element's attribute: `<set attributeName="onclick" to="…">`. */
const ANIMATIONS = new Set(['set', 'animate', 'animatemotion', 'animatetransform', 'animatecolor']);

function activeAttribute(element: string, attributes: Record<string, unknown>): string | undefined {
  if (ANIMATIONS.has(element)) {
    const target = localName(String(attributes.attributeName ?? ''));
    if (target.startsWith('on') || target === 'href' || target === 'src') return `sets ${target} by animation (<${element} attributeName="${shown(target)}">)`;
  }
  for (const [name, raw] of Object.entries(attributes)) {
    const attribute = localName(name);
    const value = String(raw).trim();
    if (attribute.startsWith('on')) return `has an ${name} handler on <${element}>`;
    // A script address anywhere (`<button formaction="javascript:…">`) runs when it is used.
    if (/^(?:javascript|vbscript):/i.test(value.replace(/\s+/g, ''))) return `has a script address (${name}="${shown(value)}") on <${element}>`;
    if (ADDRESS_ATTRIBUTES.has(attribute)) {
      if (/^data:(?!image\/)/i.test(value.replace(/\s+/g, ''))) return `has a script address (${name}="${shown(value)}") on <${element}>`;
      // `href` and `src` load only on the elements that load (a link's `href` is followed); the others always do.
      const loads = (attribute !== 'href' && attribute !== 'src') || LOADING_ELEMENTS.has(element);
      const addresses = attribute === 'srcset' ? value.split(/,\s+/).map((candidate) => candidate.trim().split(/\s+/)[0] ?? '') : [value];
      if (loads && addresses.some((address) => address !== '' && !/^#|^data:image\//i.test(address)))
        return `loads a file from outside (<${element} ${name}="${shown(value)}">)`;
    }
    if (attribute === 'style' && loadsFromOutside(value)) return `loads a file from outside in its style (${shown(value)})`;
  }
  return undefined;
}

/** CSS that fetches: `url(…)` to anything but the file's own `#id` or an inline picture, or `@import`. */
function loadsFromOutside(css: string): boolean {
  return /@import/i.test(css) || [...css.matchAll(/url\(\s*['"]?\s*([^'")\s]*)/gi)].some((match) => !/^#|^data:image\//i.test(match[1] ?? ''));
}

const localName = (name: string) => (name.includes(':') ? name.slice(name.indexOf(':') + 1) : name).toLowerCase();
const shown = (value: string) => (value.length > 50 ? `${value.slice(0, 47)}…` : value);
