import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../../core/rules.ts';

/** Elements that show something from elsewhere (a player, a map, a document): nothing of it is in the post. */
const frameTags = new Set(['iframe', 'embed', 'object', 'video', 'audio']);

const described: Record<string, string> = {
  iframe: 'an embedded frame',
  embed: 'an embedded plugin',
  object: 'an embedded plugin',
  video: 'a video',
  audio: 'a sound recording',
};

/**
 * Reports each frame and player of a post's HTML at its place, with the address it showed
 * (`import-site-syntax`: the sanitiser then takes it out), and returns the lines it stood on, for
 * the line account: a line that held nothing else is dropped, not kept.
 */
export function reportEmbeddedFrames(tree: Root, file: VFile): Set<number> {
  const lines = new Set<number>();
  visit(tree, 'element', (element: Element) => {
    if (!frameTags.has(element.tagName)) return;
    const place = element.position;
    const address = frameAddress(element);
    report(
      file,
      'import-site-syntax',
      `${described[element.tagName]}${address ? ` (${address})` : ''} was taken out: what it showed is not in the export; look at the original post`,
      place ? { line: place.start.line, column: place.start.column } : { line: 1, column: 1 },
    );
    if (place) for (let line = place.start.line; line <= place.end.line; line++) lines.add(line);
    return SKIP;
  });
  return lines;
}

function frameAddress(element: Element): string | undefined {
  const own = element.properties.src ?? element.properties.data;
  if (typeof own === 'string' && own.trim() !== '') return own.trim();
  const source = element.children.find((child): child is Element => child.type === 'element' && child.tagName === 'source');
  const nested = source?.properties.src;
  return typeof nested === 'string' && nested.trim() !== '' ? nested.trim() : undefined;
}
