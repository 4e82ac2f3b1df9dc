import type { LabelledToken } from './label-note.ts';
import type { Label } from './labels.ts';

/**
 * Tokens `from`…`to` given the label a note's layout makes sure of, as sure as what the reading
 * rests on (the title it follows, the author before it): a layout read never lowers the model's
 * own confidence, so it is `Math.max`.
 */
export function relabelSpan(tokens: LabelledToken[], from: number, to: number, label: Label, sure: number): void {
  for (let at = from; at <= to; at++) tokens[at] = { ...tokens[at]!, label, confidence: Math.max(tokens[at]!.confidence, sure) };
}
