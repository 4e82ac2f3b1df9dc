import type { Element, ElementContent } from 'hast';
import type { Parent, PhrasingContent, Text } from 'mdast';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { State as HastState } from 'mdast-util-to-hast';
import type { Handle, Info, State as MarkdownState, Options as ToMarkdownExtension, Unsafe } from 'mdast-util-to-markdown';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * Pandoc's superscript and subscript (extensions `superscript`, `subscript`): `E = mc^2^`,
 * `H~2~O`, `1^st^`. As Pandoc reads them: the marker, then at least one character that is not a
 * space, a line ending or the marker, and no space or line ending before the closing marker (a
 * space is written `\ `, a marker `\^`, `\~`); what is inside is Markdown (`^*e*^`, `` ^`x`^ ``).
 * A `^` or `~` that closes nothing is text (`~5 km`, `2^10`). `~~strike~~` stays strikethrough:
 * remark-gfm must be told `singleTilde: false` (a single `~` is Pandoc's subscript, not GFM's
 * strikethrough). `[^1]` stays a footnote call and `^[` opens no superscript (Pandoc's inline note).
 */
export interface Superscript extends Parent {
  type: 'superscript';
  children: PhrasingContent[];
}

export interface Subscript extends Parent {
  type: 'subscript';
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    superscript: Superscript;
    subscript: Subscript;
  }
  interface RootContentMap {
    superscript: Superscript;
    subscript: Subscript;
  }
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    superscript: 'superscript';
    superscriptMarker: 'superscriptMarker';
    subscript: 'subscript';
    subscriptMarker: 'subscriptMarker';
  }
}

const caret = 94;
const tilde = 126;
const backslash = 92;
const backtick = 96;
const openingBracket = 91;

const isLineEnd = (code: Code) => code === null || code === -5 || code === -4 || code === -3;
const isSpace = (code: Code) => code === -2 || code === -1 || code === 32;
const isAsciiPunctuation = (code: Code) =>
  code !== null && ((code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126));

/** A code span inside a script, skipped whole (`` ^`a^b`^ ``): its run of backticks, its text, the same run again, on one line. */
const codeSpanAhead: Construct = {
  partial: true,
  tokenize(effects: Effects, ok: State, nok: State): State {
    let opening = 0;
    let closing = 0;
    const open: State = (code) => {
      if (code !== backtick) return opening > 0 ? inside(code) : nok(code);
      effects.consume(code);
      opening += 1;
      return open;
    };
    const inside: State = (code) => {
      if (isLineEnd(code)) return nok(code);
      if (code === backtick) {
        closing = 0;
        return close(code);
      }
      effects.consume(code);
      return inside;
    };
    const close: State = (code) => {
      if (code === backtick) {
        effects.consume(code);
        closing += 1;
        return close;
      }
      return closing === opening ? ok(code) : inside(code);
    };
    return open;
  },
};

/** A run of backticks that opens no code span: text, taken whole. */
const backtickRun: Construct = {
  partial: true,
  tokenize(effects: Effects, ok: State): State {
    const run: State = (code) => {
      if (code !== backtick) return ok(code);
      effects.consume(code);
      return run;
    };
    return run;
  },
};

function scriptConstruct(marker: number, type: 'superscript' | 'subscript'): Construct {
  const markerType = `${type}Marker` as const;
  return {
    name: type,
    tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
      const previous = this.previous;
      const start: State = (code) => {
        // `[^1]` is a footnote call, never a superscript.
        if (code !== marker || (marker === caret && previous === openingBracket)) return nok(code);
        effects.enter(type);
        effects.enter(markerType);
        effects.consume(code);
        effects.exit(markerType);
        return first;
      };
      const first: State = (code) => {
        // Pandoc's `^[…]` is an inline note; a second marker right away opens nothing (`^^x^`, `~~`).
        if (isLineEnd(code) || isSpace(code) || code === marker || (marker === caret && code === openingBracket)) return nok(code);
        effects.enter('chunkText', { contentType: 'text' });
        return inside(code);
      };
      const inside: State = (code) => {
        if (isLineEnd(code) || isSpace(code)) return nok(code);
        if (code === marker) {
          effects.exit('chunkText');
          effects.enter(markerType);
          effects.consume(code);
          effects.exit(markerType);
          effects.exit(type);
          return ok;
        }
        if (code === backtick) return effects.attempt(codeSpanAhead, inside, effects.attempt(backtickRun, inside, nok))(code);
        effects.consume(code);
        return code === backslash ? escaped : inside;
      };
      // `\ ` is a space inside a script (Pandoc's non-breaking space), `\^` and `\~` are the markers as text.
      const escaped: State = (code) => {
        if (code !== 32 && !isAsciiPunctuation(code)) return inside(code);
        effects.consume(code);
        return inside;
      };
      return start;
    },
  };
}

/** The micromark syntax: `^…^` and, unless `subscript: false`, `~…~`. */
export function pandocScripts(options: { subscript?: boolean } = {}): Extension {
  return {
    text: {
      [caret]: scriptConstruct(caret, 'superscript'),
      ...(options.subscript === false ? {} : { [tilde]: scriptConstruct(tilde, 'subscript') }),
    },
  };
}

/**
 * Pandoc reads `\ ` in a script as a non-breaking space; CommonMark leaves the backslash (and
 * drops the space when it ends the script, as trailing white space: `^\ ^`, told by `source`).
 */
function escapedSpaces(node: Superscript | Subscript, source: string): void {
  const texts: Text[] = [];
  visit(node, 'text', (text) => {
    text.value = text.value.replaceAll('\\ ', '\u00a0');
    texts.push(text);
  });
  const last = texts.at(-1);
  if (last?.value.endsWith('\\') && /(?:^|[^\\])(?:\\\\)*\\ .$/.test(source)) last.value = `${last.value.slice(0, -1)}\u00a0`;
}

/** The mdast nodes of the syntax. */
export function pandocScriptsFromMarkdown(): FromMarkdownExtension {
  const enter = (type: 'superscript' | 'subscript') =>
    function (this: CompileContext, token: Token) {
      this.enter({ type, children: [] } as never, token);
    };
  const exit = function (this: CompileContext, token: Token) {
    const node = this.stack.at(-1) as Superscript | Subscript;
    this.exit(token);
    escapedSpaces(node, this.sliceSerialize(token));
  };
  return { enter: { superscript: enter('superscript'), subscript: enter('subscript') }, exit: { superscript: exit, subscript: exit } };
}

/**
 * Written as Pandoc's Markdown writer writes them: `^2^`, `~2~`, a space inside as `\ `, the
 * marker inside escaped. A `^` in text is escaped where it could pair with another (`x^2^`
 * written as text), not where it cannot (`2^10`, `^ above`); a `~` is always escaped (remark-gfm).
 */
export function pandocScriptsToMarkdown(): ToMarkdownExtension {
  const script =
    (marker: '^' | '~'): Handle =>
    (node: Superscript | Subscript, _parent, state: MarkdownState, info: Info) => {
      const exit = state.enter(node.type as never);
      const tracker = state.createTracker(info);
      let value = tracker.move(marker);
      value += tracker.move(state.containerPhrasing(node, { ...tracker.current(), before: marker, after: marker }));
      value += tracker.move(marker);
      exit();
      return value;
    };
  const unsafe: Unsafe[] = [
    { character: '^', inConstruct: ['superscript', 'subscript'] as never },
    { character: '~', inConstruct: ['superscript', 'subscript'] as never },
  ];
  return { handlers: { superscript: script('^'), subscript: script('~'), text: scriptAwareText } as never, unsafe };
}

/**
 * Text as mdast-util-to-markdown writes it, with two changes: inside a script every space (and
 * non-breaking space, tab, line ending) is `\ `, since a script holds none; outside, a `^` that
 * could pair with another is escaped (`caretsToEscape`).
 */
function scriptAwareText(node: { value: string }, _parent: unknown, state: MarkdownState, info: Info): string {
  const inScript = state.stack.includes('superscript' as never) || state.stack.includes('subscript' as never);
  const breaks = inScript ? spaceBreaks(node.value) : caretsToEscape(node.value, info);
  if (breaks.length === 0) return state.safe(node.value, info);
  let written = '';
  let from = 0;
  for (const [index, at] of breaks.entries()) {
    const before = index === 0 ? info.before : (node.value[from - 1] ?? '');
    written += state.safe(node.value.slice(from, at), { ...info, before, after: node.value[at] ?? '' });
    written += inScript ? '\\ ' : '\\^';
    from = at + 1;
  }
  return written + state.safe(node.value.slice(from), { ...info, before: node.value[from - 1] ?? '' });
}

function spaceBreaks(value: string): number[] {
  return [...value.matchAll(/[\s\u00a0]/g)].map((match) => match.index ?? 0);
}

/**
 * The `^` of a text that a reader could pair: in a run of non-spaces holding two or more, or one
 * whose run reaches a neighbour that is not a space (the pair may close in the next node).
 */
export function caretsToEscape(value: string, info: Pick<Info, 'before' | 'after'>): number[] {
  const offsets: number[] = [];
  // A backslash before a space joins the run: written as it stands, `\ ` is a space a script may hold.
  for (const run of value.matchAll(/(?:[^\s\\]|\\\s?)+/g)) {
    const at = run.index ?? 0;
    const carets = [...run[0].matchAll(/\^/g)].map((match) => at + (match.index ?? 0));
    if (carets.length === 0) continue;
    const touches = (at === 0 && /\S/.test(info.before)) || (at + run[0].length === value.length && /\S/.test(info.after));
    if (carets.length > 1 || touches) offsets.push(...carets);
  }
  return offsets;
}

/** `<sup>` and `<sub>`, for mdast-util-to-hast's `handlers`. */
export const scriptsToHast = {
  superscript: (state: HastState, node: Superscript): Element => scriptElement(state, node, 'sup'),
  subscript: (state: HastState, node: Subscript): Element => scriptElement(state, node, 'sub'),
};

function scriptElement(state: HastState, node: Superscript | Subscript, tagName: 'sup' | 'sub'): Element {
  const element: Element = { type: 'element', tagName, properties: {}, children: state.all(node) as ElementContent[] };
  state.patch(node, element);
  return state.applyData(node, element);
}

/** The syntax as a remark plugin, reading and writing (`subscript: false` leaves `~` to remark-gfm). */
export function remarkPandocScripts(this: Processor, options: { subscript?: boolean } = {}): void {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), pandocScripts(options)];
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), pandocScriptsFromMarkdown()];
  data.toMarkdownExtensions = [...(data.toMarkdownExtensions ?? []), pandocScriptsToMarkdown()];
}
