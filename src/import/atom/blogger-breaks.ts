/**
 * Blogger's “Convert line breaks” (on for most blogs written in its older editor) stores every line
 * break the author typed as `<br />`, also between the tags of a list or a table the author wrote
 * on several lines: `</li><br /><li>`, `</tr><br /><tr>`. A browser shows those as blank lines
 * between the items (or, out of a table, above it); they are layout, not text, and read as a line
 * break opening the next item. Here they go, each replaced by spaces of its length, so that places
 * after it are still places in the export.
 */
const structure = String.raw`<\/?(?:ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|caption|colgroup|col)\b[^>]*>`;
const breaksBetween = new RegExp(`(${structure})((?:\\s*<br\\s*/?>)+)(?=\\s*${structure})`, 'gi');

export function withoutBreaksBetweenItems(html: string): string {
  return html.replace(breaksBetween, (_, tag: string, breaks: string) => tag + breaks.replace(/<br\s*\/?>/gi, (br) => ' '.repeat(br.length)));
}
