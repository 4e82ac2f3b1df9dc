import type { Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { placeAfter } from '../core/place.ts';
import { report } from '../core/rules.ts';
import { keyPattern } from '../load/citation-syntax.ts';

const bareKey = new RegExp(String.raw`(^|[\s(])(-?)@(${keyPattern})`, 'gu');

/**
 * Pandoc's in-text form (`@smith2010 says`, `@smith2010 [p. 33]`) is not read as a citation: it
 * would print as typed. Each `@key` outside brackets that names a work in the bibliography is
 * reported where it is, with the forms that are read; an `@handle` that names no work is prose.
 */
export function reportBareKeys(tree: Root, keys: { has(key: string): boolean }, file: VFile): void {
  visit(tree, (node) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'link' || node.type === 'linkReference') return SKIP;
    if (node.type !== 'text' || !node.value.includes('@')) return undefined;
    for (const match of node.value.matchAll(bareKey)) {
      const key = match[3] ?? '';
      if (!keys.has(key)) continue;
      const start = node.position?.start;
      const offset = (match.index ?? 0) + (match[1]?.length ?? 0);
      const place = start ? placeAfter(start, node.value.slice(0, offset)) : undefined;
      report(
        file,
        'cite-in-text',
        `@${key} outside brackets is printed as typed: write [@${key}] for a citation, or name the author and cite [-@${key}] (Pandoc's in-text form @${key} is not read)`,
        place,
      );
    }
    return undefined;
  });
}
