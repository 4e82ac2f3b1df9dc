/**
 * Chromium writes soft hyphens into the PDF's text, which spoils searching and copying: keeps only
 * those where a line breaks, as plain hyphens (the same glyph, so no line reflows). Only words on
 * two lines are measured letter by letter.
 */
export function keepLineBreakingHyphens(root: Element): void {
  const hyphenRange = document.createRange();
  const boxesOf = (node: Text, start: number, end: number): DOMRect[] => {
    hyphenRange.setStart(node, start);
    hyphenRange.setEnd(node, end);
    return Array.from(hyphenRange.getClientRects()).filter((rect) => rect.width > 0);
  };
  // Per line the text node is on: its top and right edge. A line ending in a soft hyphen has two
  // boxes (the letters, the hyphen), one once it is a plain hyphen: a line is its rightmost box.
  const linesOf = (node: Text): Map<number, number> => {
    const lines = new Map<number, number>();
    for (const rect of boxesOf(node, 0, node.length)) {
      const top = Math.round(rect.top);
      lines.set(top, Math.max(lines.get(top) ?? rect.right, rect.right));
    }
    return lines;
  };
  // The same lines, ending within a pixel or two (a plain hyphen may be a little narrower).
  const sameLines = (before: Map<number, number>, after: Map<number, number>): boolean =>
    before.size === after.size && [...before].every(([top, right]) => Math.abs((after.get(top) ?? Number.NaN) - right) <= 2);
  // Everything is measured before anything changes: a change lays the pages out again, and
  // measuring after each text node's would do so once per node.
  const changes: { text: Text; original: string; kept: string; lines: Map<number, number> }[] = [];
  const textWalker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = textWalker.nextNode() as Text | null; node; node = textWalker.nextNode() as Text | null) {
    const original = node.data;
    if (!original.includes('\u00ad')) continue;
    const text = node;
    const kept = original.replace(/[^\s\u00ad]*\u00ad[^\s]*/g, (word, wordStart: number) => {
      const broken = boxesOf(text, wordStart, wordStart + word.length).length > 1;
      let out = '';
      for (let index = 0; index < word.length; index++) {
        const character = word.charAt(index);
        if (character !== '\u00ad') out += character;
        else if (broken && index > 0 && index < word.length - 1) {
          // A letter's own box is its last: one at a line start also gets the hyphen ending the line before.
          const before = boxesOf(text, wordStart + index - 1, wordStart + index).at(-1);
          const after = boxesOf(text, wordStart + index + 1, wordStart + index + 2).at(-1);
          if (before && after && after.top > before.top + 1) out += '-';
        }
      }
      return out;
    });
    changes.push({ text, original, kept, lines: linesOf(text) });
  }
  for (const change of changes) change.text.data = change.kept;
  // Should Chromium break the lines differently without them, the soft hyphens stay.
  // Once more after restoring: a node restored can reflow its neighbours in the paragraph.
  for (let pass = 0; pass < 2; pass++) {
    const reflowed = changes.filter((change) => change.text.data === change.kept && !sameLines(change.lines, linesOf(change.text)));
    for (const change of reflowed) change.text.data = change.original;
    if (reflowed.length === 0) break;
  }
}
