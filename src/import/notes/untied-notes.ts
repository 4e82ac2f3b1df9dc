import type { Root } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { report } from '../../core/rules.ts';
import { noteLabel } from './note-labels.ts';
import { placeOfUnit, toUnits, type Unit } from './note-units.ts';

/**
 * After the typed notes were taken: paragraphs still opening with a note's label (`[238] …`,
 * `(12) …`) whose label is typed again elsewhere in the text, as a marker, are notes the
 * recogniser could not tie. They stay in the text as typed, and the editor is told so once,
 * at the first: a silent loss of notes is the worst an import can do.
 */
export function reportUntiedNotes(tree: Root, file: VFile): void {
  const made = new Set(tree.children.flatMap((node) => (node.type === 'footnoteDefinition' ? [node.identifier] : [])));
  const labelled = toUnits(tree).flatMap((unit): { unit: Unit; label: string }[] => {
    if (unit.kind !== 'line' || unit.part > 0) return [];
    const label = noteLabel(unit.text);
    if (!label || label.number === undefined || (label.style !== 'bracket' && label.style !== 'paren') || made.has(String(label.number))) return [];
    return [{ unit, label: unit.text.trim().slice(0, unit.text.trim().indexOf(label.style === 'bracket' ? ']' : ')') + 1) }];
  });
  if (labelled.length === 0) return;
  const text = tree.children
    .filter((node) => node.type !== 'footnoteDefinition')
    .map((node) => plainText(node))
    .join('\n');
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/[[(]\d{1,3}[\])]/g)) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  // The label itself is one occurrence; a marker makes two.
  const untied = labelled.filter(({ label }) => (counts.get(label) ?? 0) >= 2);
  const first = untied[0];
  if (!first) return;
  const labels = untied.slice(0, 3).map(({ label }) => label);
  const more = untied.length > 3 ? `, … (${untied.length} in all)` : '';
  report(
    file,
    'note-untied',
    `${untied.length === 1 ? 'a paragraph opens' : `${untied.length} paragraphs open`} with a note’s label (${labels.join(', ')}${more}) typed as a marker in the text too, but could not be made a footnote: left in the text as typed; check the notes`,
    placeOfUnit(first.unit),
  );
}
