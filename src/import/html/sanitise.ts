import type { Element, Root } from 'hast';
import { defaultSchema, type Schema, sanitize } from 'hast-util-sanitize';
import type { VFile } from 'vfile';
import { report } from '../../core/rules.ts';
import { lazySourceProperties, resolveLazyImages } from './lazy-images.ts';
import { noteControlsAsMarkers } from './note-controls.ts';
import { texMathAsCode } from './tex-math.ts';

/** The kinds of unsafe markup we remove and tell the editor about, each reported once. */
type RemovedKind = 'script' | 'style' | 'event-handler' | 'script-url' | 'data-url' | 'frame' | 'plugin' | 'form' | 'media';

const removedDescriptions: Record<RemovedKind, string> = {
  script: '<script> elements',
  style: '<style> elements',
  'event-handler': 'event-handler attributes (onclick, onload…)',
  'script-url': 'javascript: URLs',
  'data-url': 'data: URLs (embedded image data is not kept in a chapter: supply the image file)',
  frame: 'embedded frames (<iframe>)',
  plugin: 'plugin content (<object>, <embed>)',
  form: 'forms and form controls',
  media: 'embedded audio or video',
};

const kindByTag: Record<string, RemovedKind> = {
  script: 'script',
  style: 'style',
  iframe: 'frame',
  frame: 'frame',
  frameset: 'frame',
  object: 'plugin',
  embed: 'plugin',
  applet: 'plugin',
  form: 'form',
  input: 'form',
  select: 'form',
  textarea: 'form',
  video: 'media',
  audio: 'media',
};

/**
 * Removed with their content. Buttons are page controls (share, like, expand); `noscript` holds
 * fallbacks that duplicate the page (lazy images); `svg` and `canvas` are icons and drawings a
 * chapter cannot use: these go silently.
 */
const strippedTags = [...Object.keys(kindByTag), 'button', 'noscript', 'template', 'svg', 'canvas', 'math', 'head', 'title', 'meta', 'link', 'base', 'dialog'];

const urlProperties = ['href', 'src', 'action', 'formAction', 'poster', 'cite', 'background', 'longDesc', ...lazySourceProperties];

/**
 * Built on GitHub's schema. Differences: ids and names are kept as written (no `user-content-`
 * prefix: they only serve to pair footnote markers with notes and never reach the Markdown);
 * classes, roles, `rel`, `epub:type`, data attributes and the ARIA attributes that tie a marker to
 * its note (or hold its text) are kept for the same recognition steps; figures and sectioning elements are kept so notes and captions can be found.
 */
const importSchema: Schema = {
  ...defaultSchema,
  clobber: [],
  strip: strippedTags,
  tagNames: [
    ...(defaultSchema.tagNames ?? []).filter((tag) => tag !== 'input'),
    'figure',
    'figcaption',
    // A table's caption is kept so that it becomes a paragraph, not words run into the first cell.
    'caption',
    'article',
    'aside',
    'header',
    'footer',
    'main',
    'nav',
    'cite',
    'small',
    'mark',
    'u',
    'abbr',
    'time',
  ],
  attributes: {
    ...withoutClassRestrictions(defaultSchema.attributes ?? {}),
    a: [...withoutClassRestriction(defaultSchema.attributes?.a ?? []), 'rel'],
    img: [...(defaultSchema.attributes?.img ?? []), 'srcSet'],
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className', 'role', 'epub:type', 'data*', 'ariaDescribedBy', 'ariaDetails', 'ariaControls', 'ariaLabel'],
  },
};

type AttributeList = NonNullable<Schema['attributes']>[string];

/** GitHub's schema allows only a few class values on `a`, `ol`, `li`…; a tag's own rule wins over `*`, so those rules go. */
function withoutClassRestrictions(attributes: NonNullable<Schema['attributes']>): NonNullable<Schema['attributes']> {
  return Object.fromEntries(Object.entries(attributes).map(([tag, list]) => [tag, withoutClassRestriction(list)]));
}

function withoutClassRestriction(list: AttributeList): AttributeList {
  return list.filter((definition) => !(Array.isArray(definition) && definition[0] === 'className'));
}

/**
 * Makes an HTML tree safe to turn into a chapter, in place: scripts, styles, event handlers,
 * `javascript:` and `data:` URLs, frames, plugins, forms and media go; text structure, links,
 * images, tables and the markup that footnote recognition reads stay. Reports one
 * `import-sanitised` message per kind of thing removed, at its first occurrence.
 */
export function sanitiseHast(tree: Root, file: VFile): Root {
  // Note markers drawn as buttons or checkbox toggles would otherwise go with the page's controls.
  noteControlsAsMarkers(tree);
  // A formula's TeX, from the script or annotation the page keeps it in, before scripts and MathML go.
  texMathAsCode(tree);
  // A lazy-loaded picture's address moves to `src` first, where the checks below judge it.
  resolveLazyImages(tree);
  for (const [kind, found] of findUnsafeMarkup(tree)) {
    const where = found.first.position?.start;
    report(
      file,
      'import-sanitised',
      `removed ${found.count} × ${removedDescriptions[kind]}`,
      where ? { line: where.line, column: where.column } : { line: 1, column: 1 },
    );
  }
  const clean = sanitize(tree, importSchema);
  tree.children = clean.type === 'root' ? clean.children : [];
  return tree;
}

interface UnsafeFinding {
  first: Element;
  count: number;
}

/** The unsafe things in a tree by kind, in document order; nothing inside a removed element is counted twice. */
function findUnsafeMarkup(tree: Root | Element): Map<RemovedKind, UnsafeFinding> {
  const found = new Map<RemovedKind, UnsafeFinding>();
  const note = (kind: RemovedKind, element: Element) => {
    const entry = found.get(kind);
    if (entry) entry.count++;
    else found.set(kind, { first: element, count: 1 });
  };
  const walk = (parent: Root | Element) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      const tagKind = kindByTag[child.tagName];
      if (tagKind) {
        note(tagKind, child);
        continue;
      }
      if (Object.keys(child.properties).some((key) => /^on[a-z]/i.test(key))) note('event-handler', child);
      for (const key of urlProperties) {
        const value = child.properties[key];
        const scheme = typeof value === 'string' ? urlScheme(value) : undefined;
        if (scheme === 'javascript' || scheme === 'vbscript') note('script-url', child);
        else if (scheme === 'data') note('data-url', child);
      }
      if (!strippedTags.includes(child.tagName)) walk(child);
    }
  };
  walk(tree);
  return found;
}

/** Browsers ignore control characters and whitespace inside a scheme (`java\tscript:`), so we do too. */
function urlScheme(url: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  const compact = url.replace(/[\u0000-\u0020]/g, '').toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1];
}
