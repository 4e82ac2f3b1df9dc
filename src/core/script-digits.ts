/**
 * Digits and signs as Unicode writes them raised and lowered: one home for the `¹²` of a note
 * marker typed in the text and for the `10⁶`, `x⁻¹`, `H₂O` of a `<sup>`/`<sub>` that is not one.
 */

export const superscriptDigits = '⁰¹²³⁴⁵⁶⁷⁸⁹';

const plainCharacters = [...'0123456789+-−='];
const raisedCharacters = new Map(plainCharacters.map((character, index) => [character, '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼'[index] as string]));
const loweredCharacters = new Map(plainCharacters.map((character, index) => [character, '₀₁₂₃₄₅₆₇₈₉₊₋₋₌'[index] as string]));

/** `10`, `-1` as `¹⁰`, `⁻¹`: digits and signs raised, any other character kept. */
export function raised(text: string): string {
  return [...text].map((character) => raisedCharacters.get(character) ?? character).join('');
}

/** `2` as `₂`: digits and signs lowered, any other character kept. */
export function lowered(text: string): string {
  return [...text].map((character) => loweredCharacters.get(character) ?? character).join('');
}

/** `[³]` as `[3]`: raised digits read as digits, any other character kept. */
export function withPlainDigits(text: string): string {
  return [...text].map((character) => (superscriptDigits.includes(character) ? String(superscriptDigits.indexOf(character)) : character)).join('');
}

/** `¹²` → 12. */
export function superscriptValue(digits: string): number {
  return Number(withPlainDigits(digits));
}
