import type { Text } from 'mdast';

declare module 'mdast' {
  interface LinkData {
    /** The link was in a `<sup>`: a marker like `[reference 3](#fn3)` counts only there or in brackets. */
    superscript?: boolean;
  }
  interface TextData {
    /**
     * The text was superscript in the source (`<sup>1</sup>`). mdast has no superscript, so the
     * HTML importers keep this as evidence for the note-marker search; it is never written out.
     */
    superscript?: boolean;
  }
}

/** Text of a `<sup>` that reads as a note marker: digits, `[1]`, `(1)`, `2, 3`, `*`, `†`. */
export const superscriptMarkerText = /^[\s\u00a0]*(?:[[(]?\d{1,3}(?:\s*[,;–—-]\s*\d{1,3})*[\])]?|[*†‡§]{1,3})[\s\u00a0]*$/;

/** A text node that remembers it was superscript. */
export function superscriptText(value: string): Text {
  return { type: 'text', value, data: { superscript: true } };
}

export function isSuperscriptText(node: { type: string; data?: unknown }): boolean {
  return node.type === 'text' && (node as Text).data?.superscript === true;
}
