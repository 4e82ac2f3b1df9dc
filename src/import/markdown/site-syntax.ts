/**
 * Markdown written for a static-site generator carries the generator's own syntax: Liquid and
 * Nunjucks tags (Jekyll, Eleventy), Hugo shortcodes, Go templates, kramdown and Pandoc attribute
 * lists. None of it means anything in a book. This step rewrites what has a Markdown equivalent
 * (highlighted code, figures) and takes out the rest, line for line, so that places in the result
 * are still places in the source and every removal is accounted for.
 */

export interface SiteSyntaxResult {
  text: string;
  changes: SiteSyntaxChange[];
  /** Lines that held a one-line code shortcode, now a code span: code blocks to be (`import-markdown.ts`). */
  codeLines: CodeLine[];
}

import { type CodeLine, codeSpan, pairedBlockRewrite, pairedLineRewrite, shortcodeArgument, shortcodeLabel, unescapeShortcodes } from './hugo-shortcodes.ts';
import { mdxChildrenAsProse } from './mdx-components.ts';
import type { SiteSyntaxChange } from './site-syntax-change.ts';

export type { SiteSyntaxChange };

const fence = /^\s{0,3}(`{3,}|~{3,})/;
// Docusaurus's magic comments mark lines to highlight and are not shown: `// highlight-start`, `{/* highlight-next-line */}`.
const magicComment = /^\s*(?:\/\/|#|--|;|\/\*|\{\/\*|<!--)\s*highlight-(?:next-line|start|end)\s*(?:\*\/\}?|-->)?\s*$/;
const liquidHighlight = /^\s*\{%-?\s*highlight\s+["']?([\w+#.-]+)["']?[^%]*-?%\}\s*$/;
const liquidEndHighlight = /^\s*\{%-?\s*endhighlight\s*-?%\}\s*$/;
const liquidTagLine = /^\s*\{%-?\s*(\w+)[^%]*-?%\}\s*$/;
const hugoShortcodeLine = /^\s*\{\{([<%])\s*(?:(\/)\s*)?(\w[\w/-]*)([\s\S]*?)[>%]\}\}\s*$/;
const goRawOpen = /^\s*\{\{\s*raw\s+`\s*$/;
const goRawClose = /^\s*`\s*\}\}\s*$/;
const goImage = /^\s*\{\{\s*image\s+"([^"]+)"(?:\s+\d+)?\s*\}\}\s*$/;
const headingAttributes = /^(\s{0,3}#{1,6}\s.*?)\s*\{\s*[#.][^{}]*\}\s*#*\s*$/;
const kramdownBlockAttributes = /^\s*\{:[^{}]*\}\s*$/;
const kramdownSpanAttributes = /(?<![ \t])[ \t]*\{:\s*[#.][^{}]*\}/g;
const siteUrl = /\{\{\s*(?:site\.(?:base)?url|\.Site\.BaseURL|site\.github\.url)\s*\}\}/gi;
const siteKeyLine =
  /^(?:layout|permalink|redirect_from|redirect_to|categories|category|tags|comments|published|excerpt_separator|sitemap|slug|aliases|weight|toc|share|header|teaser):\s*\S.*$/;

/** Hugo's `figure` and the Go blog's `image` become Markdown pictures; the importer makes them figures. */
function pictureFor(attributes: string): string | undefined {
  const value = (name: string) =>
    new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|(\\S+))`)
      .exec(attributes)
      ?.slice(1)
      .find((part) => part !== undefined);
  const src = value('src') ?? value('img') ?? value('image');
  if (!src) return undefined;
  const caption = plainCaption(value('caption') ?? value('title') ?? '');
  const alt = plainCaption(value('alt') ?? '');
  return `![${escapeBrackets(alt)}](<${src}>${caption ? ` "${caption.replace(/"/g, '\\"')}"` : ''})`;
}

function plainCaption(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function escapeBrackets(text: string): string {
  return text.replace(/[[\]]/g, '\\$&');
}

/** Rewrites or removes site-generator syntax outside code from line `fromLine` on (after the front matter); the result has as many lines as `text`. */
export function withoutSiteSyntax(text: string, fromLine = 1): SiteSyntaxResult {
  const lines = text.split('\n');
  const changes: SiteSyntaxChange[] = [];
  const codeLines: CodeLine[] = [];
  const drop = (index: number, reason: string, lossy = false) => {
    changes.push({ line: index + 1, reason, whole: true, lossy });
    lines[index] = insideHtmlBlock(lines, index) ? '<!---->' : '';
  };
  withoutRawTags(lines, changes, fromLine);
  // MDX (Docusaurus, Astro) reads Markdown inside JSX blocks; CommonMark shows it as typed.
  const mdx = lines.some((line) => esImport.test(line)) || text.includes('={{');
  if (mdx) mdxChildrenAsProse(lines, changes, fromLine);
  let inFence: string | undefined;
  let inLiquidComment = false;
  for (let index = fromLine - 1; index < lines.length; index++) {
    const line = lines[index] as string;
    const opening = fence.exec(line)?.[1];
    if (inFence) {
      if (opening && opening[0] === inFence[0] && opening.length >= inFence.length && line.trim() === opening) inFence = undefined;
      else if (magicComment.test(line)) drop(index, 'Docusaurus highlight comment in code: the site hides it');
      continue;
    }
    if (opening) {
      inFence = opening;
      continue;
    }
    if (inLiquidComment) {
      if (/\{%-?\s*endcomment\s*-?%\}/.test(line)) inLiquidComment = false;
      drop(index, 'a Liquid comment ({% comment %}): not part of the text');
      continue;
    }
    const highlightEnd = highlightAsFence(lines, index, changes) ?? pairedBlockRewrite(lines, index, changes);
    if (highlightEnd !== undefined) {
      index = highlightEnd;
      continue;
    }
    const paired = pairedLineRewrite(line, index + 1, codeLines);
    if (paired) {
      lines[index] = paired.text;
      changes.push(paired.change);
      continue;
    }
    const liquid = liquidTagLine.exec(line);
    if (liquid?.[1] === 'comment') inLiquidComment = !/\{%-?\s*endcomment\s*-?%\}/.test(line);
    const rewrite = liquid ? liquidRewrite(line, liquid[1] as string) : siteLineRewrite(line);
    if (rewrite) {
      if (rewrite.whole) drop(index, rewrite.reason, rewrite.lossy);
      else {
        lines[index] = rewrite.text;
        changes.push({ line: index + 1, reason: rewrite.reason, whole: false, lossy: false });
      }
      continue;
    }
    if (quoteMarkupRewrite(lines, index, changes)) continue;
    // `redirect_from: /old/` followed by `---` is a front-matter line left after the body: Markdown reads it as a heading.
    const next = lines[index + 1];
    const previousBlank = index === fromLine - 1 || (lines[index - 1] ?? '').trim() === '';
    if (previousBlank && siteKeyLine.test(line) && next !== undefined && /^-{3,}\s*$/.test(next)) {
      drop(index, 'a front-matter line after the body (site setting)');
      drop(index + 1, 'the rule closing a front-matter line after the body');
      index++;
      continue;
    }
    withinLineRewrites(lines, index, changes, mdx);
  }
  admonitionsAsQuotes(lines, changes, fromLine);
  unescapeShortcodes(lines, changes, fromLine);
  return { text: lines.join('\n'), changes, codeLines };
}

/** What a line of prose holds of a site's syntax within it: attributes, template variables, links to the site's pages, inline shortcodes. */
function withinLineRewrites(lines: string[], index: number, changes: SiteSyntaxChange[], mdx: boolean): void {
  const line = lines[index] as string;
  const rewritten = withoutInlineAttributes(mdx && afterHtmlLine(lines, index) ? withHtmlLinks(line) : line);
  if (rewritten !== line) {
    lines[index] = rewritten;
    changes.push({
      line: index + 1,
      reason: 'site-generator attributes or template variables ({#id}, {: .class}, {{ site.url }})',
      whole: false,
      lossy: false,
    });
  }
  const crossLinked: { text: string; reason: string; lossy?: boolean } | undefined =
    withoutCrossReferences(lines[index] as string) ?? withoutWikilinks(lines[index] as string);
  if (crossLinked) {
    lines[index] = crossLinked.text;
    changes.push({ line: index + 1, reason: crossLinked.reason, whole: false, lossy: crossLinked.lossy ?? true });
  }
  const inline = inlineShortcodes(lines[index] as string);
  if (inline) {
    lines[index] = inline.text;
    changes.push({ line: index + 1, reason: inline.reason, whole: false, lossy: inline.lossy });
  }
}

/** A GitHub or Obsidian alert's first line: `> [!NOTE]`, `> [!warning]+ Title` (`+`/`-`: folded open or shut). */
const alertMarker = /^(\s{0,3}(?:>[ \t]?)+)\[!([A-Za-z][\w-]*)\][+-]?(?:[ \t]+(.*?))?[ \t]*$/;
const quoteDepth = (line: string) => (/^\s{0,3}(?:>[ \t]?)*/.exec(line)?.[0].match(/>/g) ?? []).length;
/** Goldmark's block attributes (Hugo) on the line after a block: `{.class #id cite="…" caption="…"}`. */
// Each attribute is told from the next in one way only (a class or id by its `.`/`#`, a `key=value`
// after a space, an unquoted value without `=`): `{a=a=a…!}` cannot be split in many ways.
const blockAttributeLine =
  /^(\s{0,3}(?:>[ \t]?)*)\{[ \t]*((?:[.#][\w-]+|[\w-]+[ \t]*=[ \t]*(?:"[^"]*"|'[^']*'|[^\s"'{}=]+))(?:[ \t]*[.#][\w-]+|[ \t]+[\w-]+[ \t]*=[ \t]*(?:"[^"]*"|'[^']*'|[^\s"'{}=]+))*)[ \t]*\}[ \t]*$/;

/**
 * Markup on the lines of a block quote: a GitHub or Obsidian alert's marker (`> [!NOTE]`, which
 * Markdown prints as text) becomes its title in bold, as an admonition's is, or nothing when it has
 * none (the box's icon and colour are the site's); Hugo's block attributes after a block (`{cite="…"
 * caption="…"}`, which Markdown prints as text) go, and the words they held (a quotation's caption
 * or title) are reported, since the site showed them. True when the line was one of these.
 */
function quoteMarkupRewrite(lines: string[], index: number, changes: SiteSyntaxChange[]): boolean {
  const line = lines[index] as string;
  const previous = index > 0 ? (lines[index - 1] as string) : '';
  // The marker opens its quote (an alert may hold another, one `>` deeper).
  const alert = alertMarker.exec(line);
  if (alert && quoteDepth(previous) < quoteDepth(line)) {
    const [, prefix = '>', kind = '', title = ''] = alert;
    lines[index] = title ? `${prefix}**${title}**` : prefix.trimEnd();
    changes.push({
      line: index + 1,
      reason: `the marker of a ${kind.toLowerCase()} alert ([!${kind}]): the quote is the alert${title ? ', its title in bold' : ''}`,
      whole: !title,
      lossy: false,
    });
    return true;
  }
  const attributes = previous.trim() === '' ? undefined : blockAttributeLine.exec(line);
  if (!attributes) return false;
  const words = [...(attributes[2] as string).matchAll(/\b(caption|title)[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)')/g)]
    .map((match) => (match[2] ?? match[3] ?? '').trim())
    .filter(Boolean);
  const cite = /\bcite[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)')/.exec(attributes[2] as string);
  const source = cite ? ` (citing ${cite[1] ?? cite[2]})` : '';
  lines[index] = (attributes[1] ?? '').trimEnd();
  changes.push({
    line: index + 1,
    reason:
      words.length > 0
        ? `block attributes ({…}) whose words the site showed with the block above: ${words.map((word) => `“${word}”`).join(', ')}${source}`
        : 'block attributes ({.class #id …}): styling for the site',
    whole: true,
    lossy: words.length > 0,
  });
  return true;
}

const admonitionOpen = /^\s{0,3}(:{3,})[ \t]*([A-Za-z][\w-]*)(?:\[([^\]]*)\]|[ \t]+(.*?))?\s*$/;
// Pandoc's fenced divs (`::: {.abstract}`, `::: epigraph`): the colons go, what they hold stays.
const fencedDivOpen = /^\s{0,3}(:{3,})[ \t]*(?:\{[^{}]*\}|[A-Za-z][\w-]*)[ \t]*:*\s*$/;
/** The boxes Docusaurus, VuePress, Starlight and MkDocs call admonitions; any other `:::` is a plain div. */
const admonitionTypes = new Set([
  'note',
  'tip',
  'info',
  'warning',
  'danger',
  'caution',
  'important',
  'success',
  'secondary',
  'details',
  'attention',
  'hint',
  'error',
]);

/**
 * Docusaurus, VuePress and Starlight admonitions (`:::info Title` … `:::`) become block quotes,
 * their title in bold: Markdown has no box, and the bare colons would print as text.
 */
function admonitionsAsQuotes(lines: string[], changes: SiteSyntaxChange[], fromLine: number): void {
  let inFence: string | undefined;
  for (let index = fromLine - 1; index < lines.length; index++) {
    const line = lines[index] as string;
    const fenceMark = fence.exec(line)?.[1];
    if (inFence) {
      if (fenceMark && fenceMark[0] === inFence[0] && fenceMark.length >= inFence.length && line.trim() === fenceMark) inFence = undefined;
      continue;
    }
    if (fenceMark) inFence = fenceMark;
    const open = admonitionOpen.exec(line);
    const div = open && admonitionTypes.has((open[2] as string).toLowerCase()) ? undefined : fencedDivOpen.exec(line);
    if (!open && !div) continue;
    const colons = (open ?? div)?.[1] as string;
    const end = lines.findIndex((candidate, after) => after > index && candidate.trim() === colons);
    if (end < 0) continue;
    if (div && calloutAsQuote(lines, changes, index, end)) {
      index = end;
      continue;
    }
    if (div || !open) {
      lines[index] = '';
      lines[end] = '';
      changes.push({ line: index + 1, reason: 'a fenced div (::: {.class}): its content is kept', whole: true, lossy: false });
      changes.push({ line: end + 1, reason: 'the end of a fenced div (:::)', whole: true, lossy: false });
      continue;
    }
    const title = (open[3] ?? open[4] ?? '').trim();
    lines[index] = title ? `> **${title}**` : '';
    for (let inside = index + 1; inside < end; inside++) lines[inside] = `> ${lines[inside]}`.trimEnd();
    lines[end] = '';
    // A Hugo box shortcode was written as an admonition (`hugo-shortcodes.ts`) and says so already.
    if (changes.some((change) => change.line === index + 1)) {
      index = end;
      continue;
    }
    changes.push({ line: index + 1, reason: `admonition :::${open[2]}: kept as a block quote`, whole: !title, lossy: false });
    changes.push({ line: end + 1, reason: 'the end of an admonition (:::)', whole: true, lossy: false });
    index = end;
  }
}

/** Quarto's callouts: `::: {.callout-warning title="…" collapse="true"}` or `::: callout-note`. */
const quartoCallout = /^\s*:{3,}[ \t]*(?:\{[^{}]*?\.callout-(note|tip|warning|caution|important)\b[^{}]*\}|callout-(note|tip|warning|caution|important))\s*$/;
const quartoCalloutTitle = /\btitle\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')/;
const atxHeading = /^\s{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

/**
 * A Quarto callout (`::: {.callout-warning}` … `:::`) is a box with a title: a block quote here,
 * as an admonition is, its title in bold. The title is its `title="…"` or, as Quarto reads it, a
 * heading opening the callout, which would otherwise be a section of the chapter. False for any
 * other div.
 */
function calloutAsQuote(lines: string[], changes: SiteSyntaxChange[], index: number, end: number): boolean {
  const callout = quartoCallout.exec(lines[index] as string);
  if (!callout) return false;
  const kind = (callout[1] ?? callout[2]) as string;
  const attribute = quartoCalloutTitle.exec(lines[index] as string);
  const titleText = attribute ? (attribute[1] ?? attribute[2] ?? '').replace(/\\(.)/g, '$1').trim() : '';
  let first = index + 1;
  while (first < end && (lines[first] as string).trim() === '') first++;
  const heading = titleText ? undefined : atxHeading.exec(lines[first] ?? '');
  lines[index] = titleText ? `> **${titleText}**` : '';
  for (let inside = index + 1; inside < end; inside++) lines[inside] = `> ${lines[inside]}`.trimEnd();
  if (heading && first < end) {
    lines[first] = `> **${(heading[1] as string).trim()}**`;
    changes.push({ line: first + 1, reason: `the heading opening a Quarto callout: kept as its title, not a section`, whole: false, lossy: false });
  }
  lines[end] = '';
  changes.push({ line: index + 1, reason: `Quarto callout (callout-${kind}): kept as a block quote`, whole: !titleText, lossy: false });
  changes.push({ line: end + 1, reason: 'the end of a Quarto callout (:::)', whole: true, lossy: false });
  return true;
}

/**
 * A Liquid tag alone on a line: an include that shows a picture (`{% include image/full-width.html
 * img="…" alt="…" %}`) becomes one; any other tag goes, reported when it showed something.
 */
function liquidRewrite(line: string, name: string): { text: string; reason: string; whole: boolean; lossy: boolean } {
  const picture = ['include', 'render', 'img', 'image', 'figure'].includes(name) ? pictureFor(line.replace(/^\s*\{%-?\s*\w+/, '')) : undefined;
  if (picture) return { text: picture, reason: `Liquid {% ${name} %} showing a picture: kept as a figure`, whole: false, lossy: false };
  const lossy = ['include', 'render', 'youtube', 'vimeo', 'tweet', 'twitter', 'gist', 'video', 'embed', 'asset_img', 'img', 'image'].includes(name);
  return {
    text: '',
    reason: `Liquid tag {% ${name} %}: site-generator syntax${lossy ? ' (what it showed on the site is not in the source)' : ''}`,
    whole: true,
    lossy,
  };
}

/**
 * A line that is one site-generator construct on its own (a Go template delimiter or picture, a
 * Hugo shortcode, a kramdown attribute list): the Markdown it becomes, or dropped (`whole`), and
 * why; undefined for any other line.
 */
function siteLineRewrite(line: string): { text: string; reason: string; whole: boolean; lossy: boolean } | undefined {
  if (goRawOpen.test(line) || goRawClose.test(line))
    return { text: '', reason: 'Go template {{raw `…`}} delimiter: the text inside is kept', whole: true, lossy: false };
  const goPicture = goImage.exec(line);
  if (goPicture) return { text: `![](<${goPicture[1]}>)`, reason: 'Go template {{image}}: kept as a picture', whole: false, lossy: false };
  const shortcode = hugoShortcodeLine.exec(line);
  if (shortcode) {
    const [, , closing = '', name = '', attributesAsWritten = ''] = shortcode;
    const attributes = attributesAsWritten.trimEnd();
    const picture = !closing && (name === 'figure' || showsImageFile(attributes)) ? pictureFor(attributes) : undefined;
    if (picture) return { text: picture, reason: `Hugo {{< ${name} >}} shortcode showing a picture: kept as a figure`, whole: false, lossy: false };
    const lossy =
      !closing && !['highlight', 'notice', 'note', 'warning', 'tip', 'details', 'callout', 'admonition', 'quote', 'blockquote', 'center'].includes(name);
    return {
      text: '',
      reason: `Hugo shortcode {{${shortcode[1]} ${closing}${name} ${shortcode[1] === '<' ? '>' : '%'}}}: site-generator syntax${lossy ? ' (what it showed on the site is not in the source)' : ''}`,
      whole: true,
      lossy,
    };
  }
  if (kramdownBlockAttributes.test(line)) return { text: '', reason: 'kramdown attribute list ({: …}): styling for the site', whole: true, lossy: false };
  return mdxLineRewrite(line);
}

const excerptSeparator = /^\s*(?:<!--\s*(?:truncate|more|excerpt|readmore|break)\s*-->|\{\s*\/\*\s*truncate\s*\*\/\s*\})\s*$/i;
const esImport = /^\s*import\s+(?:[\w$]+|\*\s+as\s+[\w$]+|\{[^}]*\})(?:\s*,\s*(?:\{[^}]*\}|[\w$]+))?\s+from\s+(['"])[^'"]+\1;?\s*$/;
// Code, not a sentence that starts with the word: `export const meta = {…}`, `export default function …`.
const esExport = /^\s*export\s+(?:(?:const|let|var)\s+[\w$]+\s*=|function\s*[\w$]*\s*\(|default\s+(?:function\b|class\b|\{|\(|[\w$]+\s*;?\s*$))/;
const mdxComment = /^\s*\{\s*\/\*[\s\S]*\*\/\s*\}\s*$/;
// A capitalised tag is a JSX component (HTML elements are lowercase): MDX, Docusaurus, Astro.
const jsxComponentLine = /^\s*<(\/?)([A-Z][\w.]*)(?:\s[^<>]*?)?(\/?)>\s*$/;

/**
 * Docusaurus, Astro and MDX posts: the excerpt marker (`<!--truncate-->`), ES `import`/`export`
 * lines and comments go; a component alone on a line goes, its children are kept, and a
 * self-closing one (`<Tweet … />`) is reported since what it showed is not in the text.
 */
function mdxLineRewrite(line: string): { text: string; reason: string; whole: boolean; lossy: boolean } | undefined {
  if (excerptSeparator.test(line)) return { text: '', reason: 'excerpt separator: where the site’s index page cut the post', whole: true, lossy: false };
  if (esImport.test(line) || esExport.test(line)) return { text: '', reason: 'MDX import/export statement: code for the site', whole: true, lossy: false };
  if (mdxComment.test(line)) return { text: '', reason: 'MDX comment ({/* … */}): not part of the text', whole: true, lossy: false };
  const component = jsxComponentLine.exec(line);
  if (!component) return undefined;
  const [, closing, name, selfClosing] = component;
  const attributes = line.replace(/^\s*<[\w.]+/, '').replace(/\/?>\s*$/, '');
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  // A link card (`<LinkCard title="Components" href="/components/" />`) is a link.
  const href = selfClosing ? shortcodeArgument(attributes, 'href') : undefined;
  const linkText = href ? shortcodeLabel(name ?? '', attributes) : '';
  if (href && linkText)
    return {
      text: `${indent}[${linkText.replace(/[[\]]/g, '\\$&')}](<${href}>)`,
      reason: `MDX component <${name} />: kept as the link it shows`,
      whole: false,
      lossy: false,
    };
  const lossy = selfClosing === '/';
  // What the site prints above what the component wraps: a card's or an aside's title, a tab's label.
  const label = closing || lossy ? '' : shortcodeLabel(name ?? '', attributes);
  return {
    text: label ? `${indent}**${label}**` : '',
    reason: `MDX component <${closing}${name}${lossy ? ' /' : ''}>: site markup${lossy ? ' (what it showed on the site is not in the source)' : `; what it wraps is kept${label ? ', its title in bold' : ''}`}`,
    whole: !label,
    lossy,
  };
}

const imageFile = /\.(?:avif|gif|jpe?g|png|svg|webp)(?:[?#][^"'\s]*)?$/i;

/** A shortcode whose `src`/`img`/`image` names an image file: a picture, whatever the site called it. */
function showsImageFile(attributes: string): boolean {
  return (
    /\b(?:src|img|image)\s*=\s*(?:"([^"]*)"|'([^']*)')/
      .exec(attributes)
      ?.slice(1)
      .some((value) => value !== undefined && imageFile.test(value)) ?? false
  );
}

// `{{ "/docs/themes/#assets" | relative_url }}`: the address is the quoted path; the filter only adds the site's base.
const liquidUrlFilter = /\{\{-?\s*(["'])([^"'{}]*)\1\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.(?:base)?url)\s*-?\}\}/g;

/** The line without heading attributes (`{#id}`), kramdown span attributes, `{{ site.url }}` and Liquid URL filters. */
function withoutInlineAttributes(line: string): string {
  return line.replace(headingAttributes, '$1').replace(kramdownSpanAttributes, '').replace(siteUrl, '').replace(liquidUrlFilter, '$2');
}

// `[the distill post]({% post_url 2018-12-22-distill %})`, `({% link _posts/x.md %})`, `({{< ref "x.md" >}})`, `({{< relref "x" >}})`.
const crossReferenceLink = /\[((?:[^[\]]|\[[^[\]]*\])*)\]\(\s*(\{%-?\s*(?:post_url|link)\s+[^%]*?-?%\}|\{\{[<%]\s*(?:rel)?ref\s+[^{}]*?[>%]\}\})[^)\s]*\s*\)/g;

/**
 * Links to another page of the same site, written as the generator's tag (Jekyll's `post_url` and
 * `link`, Hugo's `ref` and `relref`): the address exists only on that site, so the link's words
 * are kept without it, and reported, since the book may hold that post as a chapter to link to.
 */
function withoutCrossReferences(line: string): { text: string; reason: string } | undefined {
  if (!line.includes('{%') && !line.includes('{{')) return undefined;
  const targets: string[] = [];
  const text = line.replace(crossReferenceLink, (_whole, words: string, tag: string) => {
    targets.push(tag.replace(/\s+/g, ' '));
    return words;
  });
  if (targets.length === 0) return undefined;
  return {
    text,
    reason: `a link to another page of the site (${targets.join(', ')}): kept as its words, without the address, which only the site had; link it to its chapter if the book has it`,
  };
}

/** Obsidian's and Quartz's `[[note]]`, `[[note#heading|words]]`, `![[picture.png|300]]`, `![[note]]`, outside code spans. */
// Not `[[1]](#fn1)` (a link whose words are `[1]`) nor a bare `[[1]]` (a note marker typed by hand).
const wikilink = /(`+)[\s\S]*?\1|(!?)\[\[(?!\s*\d+\s*\]\])([^[\]|#^]*)((?:[#^][^[\]|]*)?)(?:\|([^[\]]*))?\]\](?!\()/g;
const pictureFile = /\.(?:png|jpe?g|gif|webp|svg|avif|bmp|tiff?)$/i;

/**
 * Obsidian's wikilinks (Quartz, Obsidian Publish, Foam): a link to another note of the vault is
 * kept as the words it showed (its alias, else the note's name, and the heading it points to), as
 * `withoutCrossReferences` keeps a Jekyll link; an embedded picture (`![[diagram.png]]`) is a
 * picture; an embedded note (`![[other note]]`), whose text the site showed here, goes and is
 * reported.
 */
function withoutWikilinks(line: string): { text: string; reason: string; lossy?: boolean } | undefined {
  if (!line.includes('[[')) return undefined;
  const links: string[] = [];
  const embeds: string[] = [];
  const text = line.replace(wikilink, (whole, code: string | undefined, bang: string, target: string, anchor: string, alias: string | undefined) => {
    if (code) return whole;
    const name = target.trim();
    if (bang && pictureFile.test(name)) return `![${/^\d+(?:x\d+)?$/.test(alias ?? '') ? '' : escapeBrackets(alias ?? '')}](<${name}>)`;
    if (bang) {
      embeds.push(`${name}${anchor}`);
      return '';
    }
    links.push(`${name}${anchor}`);
    const heading = anchor.replace(/^#\^?|^\^/, '').replace(/#/g, ' > ');
    return escapeBrackets(alias?.trim() || [name, heading].filter(Boolean).join(' > '));
  });
  if (text === line) return undefined;
  if (links.length === 0 && embeds.length === 0) return { text, reason: 'an embedded picture (![[…]]): kept as a picture', lossy: false };
  const parts = [
    links.length > 0 ? `a link to another note of the site ([[${links.join(']], [[')}]]): kept as its words, without the link, which only the site had` : '',
    embeds.length > 0 ? `the note embedded here (![[${embeds.join(']], ![[')}]]), whose text the site showed, is not in the source` : '',
  ];
  return { text, reason: parts.filter(Boolean).join('; ') };
}

const rawTag = /\{%-?\s*(?:end)?raw\s*-?%\}/g;

/**
 * Jekyll runs Liquid before Markdown, code blocks included, so `{% raw %}` and `{% endraw %}`
 * never show on the site: they go everywhere, and a line that held only them goes too.
 */
function withoutRawTags(lines: string[], changes: SiteSyntaxChange[], fromLine: number): void {
  for (let index = fromLine - 1; index < lines.length; index++) {
    const line = lines[index] as string;
    if (!line.includes('raw')) continue;
    const text = line.replace(rawTag, '');
    if (text === line) continue;
    const whole = text.trim() === '';
    lines[index] = whole ? '' : text;
    changes.push({ line: index + 1, reason: 'Liquid {% raw %}/{% endraw %}: Jekyll shows what they hold as written', whole, lossy: false });
  }
}

// `{{< highlight go >}}x := 1{{< /highlight >}}` inside a sentence: code in the sentence.
const inlinePairedCode = /\{\{([<%])\s*(highlight|code)((?:\s[^<>%]*)?)[>%]\}\}(.*?)\{\{[<%]\s*\/\s*\2\s*[>%]\}\}/g;
// No two runs of whitespace side by side (`\s*(\/?)\s*`, `\s+[^<>%]*?\s*`): on a long run of spaces they cost cubic time.
const inlineShortcode = /\{\{([<%])\s*(?:(\/)\s*)?(\w[\w/-]*)((?:\s[^<>%]*)?)[>%]\}\}/g;

/**
 * Hugo shortcodes inside a sentence (outside code spans): `{{< glossary_tooltip text="containers"
 * term_id="container" >}}` is the word it shows; a paired one (`{{< mark >}}…{{< /mark >}}`) keeps
 * what it wraps; one that shows only site data (`term_id="deployment"`) keeps that id as its word
 * and is reported, as is any other, which goes. Undefined when the line has none.
 */
function inlineShortcodes(line: string): { text: string; reason: string; lossy: boolean } | undefined {
  if (!line.includes('{{<') && !line.includes('{{%')) return undefined;
  const lost: string[] = [];
  const text = line
    .split(/(`+[^`]*`+)/)
    .map((part) =>
      part.startsWith('`')
        ? part
        : part
            .replace(inlinePairedCode, (_whole, _delimiter, _name, _attributes, code: string) => codeSpan(code.trim()))
            .replace(inlineShortcode, (_whole, _delimiter, closing: string | undefined, name: string, attributes: string) =>
              shortcodeWords(closing ?? '', name, attributes.trimEnd(), lost),
            ),
    )
    .join('');
  if (text === line) return undefined;
  return {
    text,
    reason:
      lost.length > 0
        ? `Hugo shortcode ${lost.join(', ')} in the text: what it showed on the site is not in the source`
        : 'Hugo shortcodes in the text: kept as the words they show',
    lossy: lost.length > 0,
  };
}

/** The words an inline shortcode shows, as far as the source says them; notes in `lost` what it could not say. */
function shortcodeWords(closing: string, name: string, attributes: string, lost: string[]): string {
  if (closing) return '';
  const value = (key: string) =>
    new RegExp(`\\b${key}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
      .exec(attributes)
      ?.slice(1)
      .find((part) => part !== undefined);
  const shown = value('text') ?? value('title');
  if (shown !== undefined) return shown;
  const term = value('term_id') ?? value('term');
  lost.push(`{{< ${name} >}}${term ? ` (kept as its term “${term.replace(/[-_]/g, ' ')}”)` : ''}`);
  return term ? term.replace(/[-_]/g, ' ') : '';
}

/**
 * A line between two lines of raw HTML (`<td>` … `<Tweet … />` … `</td>`): a blank line there would
 * end Markdown's HTML block and turn the indented rest into a code block, so a dropped line
 * becomes an empty HTML comment instead, which shows nothing.
 */
function insideHtmlBlock(lines: readonly string[], index: number): boolean {
  const before = lines[index - 1]?.trim() ?? '';
  const after = lines[index + 1]?.trim() ?? '';
  return before.startsWith('<') && after.startsWith('<');
}

/** A text line right under a line of raw HTML (`<p style={{…}}>` then `[ZeroSurf](#…) demo: …`). */
function afterHtmlLine(lines: readonly string[], index: number): boolean {
  const line = (lines[index] ?? '').trim();
  return line !== '' && !line.startsWith('<') && (lines[index - 1]?.trim() ?? '').startsWith('<');
}

/** Markdown links in a line of an MDX JSX block, as the HTML links MDX makes of them. */
function withHtmlLinks(line: string): string {
  return line.replace(/\[([^\]]+)\]\(([^()\s]+)\)/g, (_whole, text: string, href: string) => `<a href="${href.replace(/"/g, '&quot;')}">${text}</a>`);
}

/**
 * `{% highlight lang %}` … `{% endhighlight %}` as a fenced code block, line for line: the index
 * of the last line it took, or undefined when the line opens no highlight block.
 */
function highlightAsFence(lines: string[], index: number, changes: SiteSyntaxChange[]): number | undefined {
  const highlight = liquidHighlight.exec(lines[index] as string);
  if (!highlight) return undefined;
  lines[index] = `\`\`\`${highlight[1]}`;
  changes.push({ line: index + 1, reason: 'Liquid {% highlight %} tag: the code is kept as a code block', whole: false, lossy: false });
  const end = lines.findIndex((candidate, after) => after > index && liquidEndHighlight.test(candidate));
  if (end <= index) return index;
  lines[end] = '```';
  changes.push({ line: end + 1, reason: 'Liquid {% endhighlight %} tag', whole: false, lossy: false });
  return end;
}
