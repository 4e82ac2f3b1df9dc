import type { VFile } from 'vfile';
import { type Document, isMap, isNode, isScalar, parseDocument, visit } from 'yaml';
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

  for (const issue of result.error.issues) {
    const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    // An unknown key is reported at the key itself, not at the map that holds it.
    const unknownKey = issue.code === 'unrecognized_keys' ? keyOffset(document, path, issue.keys[0]) : undefined;
    const located = unknownKey === undefined ? locate(document, path) : { offset: unknownKey, missing: false };
    const key = path.length > 0 ? path.join('.') : '(top level)';
    let reason = issue.message;
    if (issue.code === 'unrecognized_keys') {
      reason = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}`;
    } else if (issue.code === 'invalid_type' && located.missing) {
      reason = `is required (${issue.message})`;
    }
    report(file, invalidRule, `key \`${key}\`: ${reason}`, placeAt(located.offset));
  }
  return undefined;
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
