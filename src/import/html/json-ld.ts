/**
 * A JSON-LD script's data, or undefined when it is not JSON. Some sites wrap it as XHTML would
 * (`<![CDATA[ {…} ]]>`, Medium) or in an HTML comment: what JSON.parse cannot read, but a
 * browser's search engine reader does.
 */
export function parseJsonLd(text: string): unknown {
  let unwrapped = text.trim();
  // `/*<![CDATA[*/{…}/*]]>*/`, `<!--<![CDATA[{…}]]>-->`, `<!--{…}//-->`: wrappers, one inside another.
  for (let pass = 0; pass < 4; pass++) {
    const before = unwrapped;
    unwrapped = unwrapped
      .replace(/^(?:\/\*\s*|\/\/\s*)?<!\[CDATA\[(?:\s*\*\/)?/, '')
      .replace(/(?:\/\*\s*|\/\/\s*)?\]\]>(?:\s*\*\/)?$/, '')
      .replace(/^<!--/, '')
      .replace(/(?:\/\/\s*)?-->$/, '')
      .trim();
    if (unwrapped === before) break;
  }
  try {
    return JSON.parse(unwrapped);
  } catch {
    return undefined;
  }
}
