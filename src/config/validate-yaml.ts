import type { VFile } from 'vfile';
import { type Document, isMap, isNode, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type * as z from 'zod/mini';
import { placeLocator } from '../core/place.ts';
import { type Place, type RuleId, report } from '../core/rules.ts';

export interface YamlSource {
  text: string;
  /** Line in the file where `text` starts (1-based), for front matter inside a Markdown file. */
  firstLine: number;
}

/**
 * Parses YAML and validates it against a schema, turning every problem into a vfile message that
 * names the key and points at its line and column. Returns the parsed value, or undefined when
 * anything was wrong.
 */
export function parseYamlWithSchema<Schema extends z.ZodMiniType>(
  source: YamlSource,
  schema: Schema,
  file: VFile,
  invalidRule: RuleId,
): z.output<Schema> | undefined {
  const document = parseDocument(source.text, { uniqueKeys: true, prettyErrors: false });
  const placeInText = placeLocator(source.text);
  const placeAt = (offset: number): Place => {
    const { line, column } = placeInText(offset);
    return { line: line + source.firstLine - 1, column };
  };

  if (document.errors.length > 0) {
    for (const error of document.errors) {
      report(file, 'yaml-syntax', `YAML syntax: ${firstLine(error.message)}`, placeAt(error.pos[0]));
    }
    return undefined;
  }

  const value = documentValue(document);
  if ('aliasBomb' in value) {
    report(
      file,
      'yaml-aliases',
      `YAML aliases expand past ${maxAliasCount} copies (an alias bomb, “billion laughs”?): write the values out instead of *aliases`,
      placeAt(value.aliasBomb),
    );
    return undefined;
  }
  const result = schema.safeParse(value.value ?? {});
  if (result.success) return result.data;

  for (const issue of withUnionsResolved(result.error.issues)) {
    const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    // An unknown key is reported at the key itself, not at the map that holds it.
    const unknownKey = issue.code === 'unrecognized_keys' ? keyOffset(document, path, issue.keys[0]) : undefined;
    const located = unknownKey === undefined ? locate(document, path) : { offset: unknownKey, missing: false };
    const key = path.length > 0 ? path.join('.') : '(top level)';
    const reason = issueReason(issue, document.getIn(path, true), located.missing, keysAt(schema, path));
    report(file, invalidRule, `key \`${key}\`: ${reason}`, placeAt(located.offset));
  }
  return undefined;
}

/** What is wrong, in the file's terms: zod's own wording only where a schema gave its own. */
function issueReason(issue: z.core.$ZodIssue, found: unknown, missing: boolean, known: readonly string[]): string {
  let reason = issue.message;
  if (issue.code === 'unrecognized_keys') {
    reason = unknownKeysReason(issue.keys, known);
  } else if (issue.code === 'invalid_type') {
    const expected = isDefaultMessage(issue.message) ? expectedInWords(issue.expected) : issue.message;
    reason = missing ? `is required (${expected})` : `${expected}, found ${foundInWords(found, issue.expected)}`;
  } else if (issue.code === 'invalid_value' && isDefaultMessage(issue.message)) {
    reason = `expected one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}, found ${foundInWords(found, '')}`;
  }
  return reason;
}

/**
 * A value that fits none of a union's shapes: when its type picks one shape (a map for a part, text
 * for a chapter file), that shape's own problems; otherwise the union's message.
 */
function withUnionsResolved(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union') return [issue];
    const fitting = issue.errors.filter((branch) => !(branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0));
    const [only] = fitting;
    if (fitting.length !== 1 || only === undefined) return [issue];
    return withUnionsResolved(only.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
  });
}

/** zod's own wording (“Invalid input: expected array, received string”), where a schema gave none of its own. */
function isDefaultMessage(message: string): boolean {
  return /^Invalid (input|option)/.test(message);
}

const typeWords: Record<string, string> = {
  string: 'expected text',
  number: 'expected a number',
  int: 'expected a whole number',
  boolean: 'expected true or false',
  array: 'expected a list (one `- item` per line, or `[a, b]`)',
  tuple: 'expected a list',
  object: 'expected keys and values (one `key: value` per line, indented)',
};

function expectedInWords(expected: string): string {
  return typeWords[expected] ?? `expected ${expected}`;
}

/** What the YAML holds where the schema wanted something else, in the file's own terms. */
function foundInWords(node: unknown, expected: string): string {
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'keys and values';
  const value = isScalar(node) ? node.value : node;
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return `the text “${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`;
  const quote = expected === 'string' ? ' (put it in quotes to make it text)' : '';
  if (typeof value === 'boolean') return `${value}${quote}`;
  if (typeof value === 'number') return `the number ${value}${quote}`;
  return typeof value;
}

function unknownKeysReason(keys: readonly string[], known: readonly string[]): string {
  const named = keys.map((key) => {
    const near = nearestKey(key, known);
    return near === undefined ? `\`${key}\`` : `\`${key}\` (did you mean \`${near}\`?)`;
  });
  return `unknown key${keys.length > 1 ? 's' : ''} ${named.join(', ')}`;
}

/** A known key one or two edits away (a typo, a singular for a plural), when exactly one is nearest. */
function nearestKey(key: string, known: readonly string[]): string | undefined {
  const scored = known.map((candidate) => ({ candidate, distance: editDistance(key.toLowerCase(), candidate.toLowerCase()) }));
  const best = Math.min(...scored.map((s) => s.distance));
  const nearest = scored.filter((s) => s.distance === best);
  return best <= Math.min(2, Math.floor(key.length / 3)) && nearest.length === 1 ? nearest[0]?.candidate : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** The keys an object schema allows at `path` (through optional, default, pipe and list wrappers). */
function keysAt(schema: z.ZodMiniType, path: readonly (string | number)[]): string[] {
  let at: unknown = schema;
  for (const step of [...path, undefined]) {
    at = unwrap(at);
    const def = (at as { _zod?: { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown } } })._zod?.def;
    if (step === undefined) return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
    at = typeof step === 'number' ? def?.element : (def?.shape?.[step] ?? def?.valueType);
  }
  return [];
}

function unwrap(schema: unknown): unknown {
  let at = schema;
  for (let depth = 0; depth < 10; depth++) {
    const def = (at as { _zod?: { def?: { type?: string; innerType?: unknown; in?: unknown; out?: unknown } } })._zod?.def;
    if (def?.type === 'union') {
      const objects = ((def as { options?: unknown[] }).options ?? []).filter(
        (option) => (unwrap(option) as { _zod?: { def?: { type?: string } } })._zod?.def?.type === 'object',
      );
      if (objects.length !== 1) return at;
      at = objects[0];
    } else if (def?.type === 'optional' || def?.type === 'default' || def?.type === 'nullable' || def?.type === 'readonly') at = def.innerType;
    else if (def?.type === 'pipe') at = (def.out as { _zod?: { def?: { type?: string } } })?._zod?.def?.type === 'transform' ? def.in : def.out;
    else return at;
  }
  return at;
}

/** More aliases than any hand-written file needs; `yaml` counts the copies an alias expands to. */
const maxAliasCount = 100;

/** The document as plain data, or the offset of its first alias when aliases expand past the limit. */
function documentValue(document: Document): { value: unknown } | { aliasBomb: number } {
  try {
    return { value: document.toJS({ maxAliasCount }) };
  } catch (error) {
    if (!/alias/i.test((error as Error).message)) throw error;
    let offset = 0;
    visit(document, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    return { aliasBomb: offset };
  }
}

export type YamlPath = readonly (string | number)[];

/**
 * Where values and keys are in a YAML text, read from its document: a search of the text would
 * find a comment, or an earlier listing of the same value, first. Undefined for what is not there.
 */
export function yamlPlaces(text: string): { value: (path: YamlPath) => Place | undefined; key: (path: YamlPath) => Place | undefined } {
  // Parsed on the first question only: callers ask on their error paths, and most loads have none.
  let parsed: { document: Document; placeAt: (offset: number) => Place } | undefined;
  const read = () => (parsed ??= { document: parseDocument(text, { prettyErrors: false }), placeAt: placeLocator(text) });
  const offsetPlace = (offset: number | undefined) => (offset === undefined ? undefined : read().placeAt(offset));
  return {
    value: (path) => {
      const node = read().document.getIn(path, true);
      return offsetPlace(isNode(node) ? node.range?.[0] : undefined);
    },
    key: (path) => {
      const last = path.at(-1);
      return offsetPlace(typeof last === 'string' ? keyOffset(read().document, path.slice(0, -1), last) : undefined);
    },
  };
}

function keyOffset(document: Document, path: readonly (string | number)[], key: string | undefined): number | undefined {
  const map = path.length === 0 ? document.contents : document.getIn(path, true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

/** Finds the source offset of the node at `path`, or of its nearest existing parent. */
function locate(document: Document, path: readonly (string | number)[]): { offset: number; missing: boolean } {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    const node = prefix.length === 0 ? document.contents : document.getIn(prefix, true);
    if (isNode(node) && node.range) {
      // For an unrecognised key, point at the key itself rather than the whole map.
      if (depth === path.length && isMap(node)) return { offset: node.range[0], missing: false };
      return { offset: node.range[0], missing: depth < path.length };
    }
  }
  return { offset: 0, missing: true };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
