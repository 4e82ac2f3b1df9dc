/**
 * A JSON-LD script's data, or undefined when it is not JSON. Some sites wrap it as XHTML would
 * (`<![CDATA[ {…} ]]>`, Medium) or in an HTML comment: what JSON.parse cannot read, but a
 * browser's search engine reader does.
 */
export function parseJsonLd(text: string): unknown {
  const unwrapped = text
    .trim()
    .replace(/^(?:\/\/\s*)?<!\[CDATA\[/, '')
    .replace(/(?:\/\/\s*)?\]\]>$/, '')
    .replace(/^<!--/, '')
    .replace(/-->$/, '');
  try {
    return JSON.parse(unwrapped);
  } catch {
    return undefined;
  }
}
