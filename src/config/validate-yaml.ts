import type { VFile } from 'vfile';
import { type Document, isMap, isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
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
export function parseYamlWithSchema<Schema extends z.ZodType>(
  source: YamlSource,
  schema: Schema,
  file: VFile,
  invalidRule: RuleId,
): z.infer<Schema> | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(source.text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const placeAt = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + source.firstLine - 1, column: col };
  };

  if (document.errors.length > 0) {
    for (const error of document.errors) {
      report(file, 'yaml-syntax', `YAML syntax: ${firstLine(error.message)}`, placeAt(error.pos[0]));
    }
    return undefined;
  }

  const result = schema.safeParse(document.toJS() ?? {});
  if (result.success) return result.data;

  for (const issue of result.error.issues) {
    const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    const located = locate(document, path);
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
