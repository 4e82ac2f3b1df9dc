import type { Element, Nodes, Parents, Root } from 'hast';
import { collapsedText, elementsOf, stringProperty } from './hast-tree.ts';
import { textStats } from './text-density.ts';

/**
 * Pages made before CSS layout (and mail-style templates since) set the whole page in tables: a
 * row for the banner, a cell for the sidebar, a cell for the text. Read as data, the article
 * becomes one cell of a Markdown table. A table that lays out a page, not data, is turned into
 * the blocks it stands for (each cell a `div`), as Readability reads it, before the article is
 * looked for; a data table (a caption, header cells, short cells in rows) stays a table.
 */
export function unwrapLayoutTables(page: Root): void {
  // Innermost first: whether an outer table lays out the page does not depend on its inner tables' fate.
  const tables = elementsOf(page)
    .filter((element) => element.tagName === 'table')
    .reverse();
  const layout = new Set(tables.filter(isLayoutTable));
  for (const table of layout) unwrap(table);
}

const structure = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th']);

function unwrap(table: Element): void {
  const walk = (element: Element) => {
    if (!structure.has(element.tagName)) return;
    const tag = element.tagName;
    const wasCell = tag === 'td' || tag === 'th';
    element.tagName = 'div';
    element.properties = pick(element.properties, ['id', 'className', 'role', 'itemProp', 'itemScope', 'itemType', 'lang', 'dir']);
    if (wasCell) {
      element.properties.dataLayoutCell = '';
      return;
    }
    if (element.tagName === 'div' && structure.has(tag)) element.properties.dataLayoutRow = tag === 'tr' ? '' : undefined;
    for (const child of element.children) if (child.type === 'element') walk(child);
  };
  walk(table);
}

function pick(properties: Element['properties'], keys: readonly string[]): Element['properties'] {
  return Object.fromEntries(Object.entries(properties).filter(([key]) => keys.includes(key)));
}

const blockTags = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'blockquote', 'hr', 'table', 'form']);

/**
 * Lays out a page: says so (`role=presentation`), holds another table, or holds prose in its
 * cells (a cell of a thousand characters, or paragraphs and headings with text) or has one cell
 * only; and has no caption or header cells, which only data tables have.
 */
export function isLayoutTable(table: Element): boolean {
  const role = stringProperty(table, 'role');
  if (role === 'presentation' || role === 'none') return true;
  const own = ownElements(table);
  if (own.some((element) => element.tagName === 'table')) return true;
  if (own.some((element) => ['caption', 'th', 'thead'].includes(element.tagName)) || stringProperty(table, 'summary')) return false;
  const cells = own.filter((element) => element.tagName === 'td');
  // A table of one cell is a box drawn round its text (an epigraph, a callout), never data.
  if (cells.length === 1) return true;
  return cells.some((cell) => {
    const text = collapsedText(cell).length;
    return text >= 1000 || (text >= 200 && cell.children.some((child) => child.type === 'element' && blockTags.has(child.tagName)));
  });
}

/** The elements of a table that are its own, not those of tables inside its cells (those are tables themselves). */
function ownElements(table: Element): Element[] {
  const found: Element[] = [];
  const walk = (element: Element) => {
    for (const child of element.children) {
      if (child.type !== 'element') continue;
      found.push(child);
      if (child.tagName !== 'table') walk(child);
    }
  };
  walk(table);
  return found;
}

/**
 * The article's text as a layout table sets it: the chosen cell, and the cells of the rows around
 * it that hold prose too (the title and first paragraphs in the row above, beside a sidebar cell).
 * Cells of links, prices and pictures are left to the page.
 */
export function withLayoutRows(containers: readonly Element[], parents: ReadonlyMap<Nodes, Parents>): Element[] {
  const [only] = containers;
  if (containers.length !== 1 || !only) return [...containers];
  // The chosen block, or the layout cell it stands in.
  let cell: Element | undefined = only;
  while (cell && cell.properties.dataLayoutCell === undefined) {
    const parent: Parents | undefined = parents.get(cell);
    cell = parent?.type === 'element' ? parent : undefined;
  }
  if (!cell) return [...containers];
  const row = parents.get(cell);
  const table = row && parents.get(row);
  if (!row || !table || table.type !== 'element') return [...containers];
  const rows = table.children.filter((child): child is Element => child.type === 'element');
  const at = rows.indexOf(row as Element);
  // Rows after the chosen one are read only when the chosen block is its whole cell.
  const whole = cell === only;
  const proseCells = (candidate: Element) =>
    candidate.children.filter((cell): cell is Element => cell.type === 'element' && cell.properties.dataLayoutCell !== undefined && isProse(cell));
  const before: Element[] = [];
  for (let index = at - 1; index >= 0; index--) {
    const cells = proseCells(rows[index] as Element);
    if (cells.length !== 1) break;
    before.unshift(...cells);
  }
  const after: Element[] = [];
  for (let index = at + 1; whole && index < rows.length; index++) {
    const cells = proseCells(rows[index] as Element);
    if (cells.length !== 1) break;
    after.push(...cells);
  }
  return [...before, only, ...after];
}

function isProse(cell: Element): boolean {
  const { text, links } = textStats(cell);
  return text >= 300 && links < 0.3 * text;
}

/**
 * The cells set beside the text in a layout row (a sidebar of links, prices and pictures next to
 * the article's cell): taken out of the article, in document order.
 */
export function removeLayoutSidebars(content: Root): Element[] {
  const removed: Element[] = [];
  for (const row of elementsOf(content)) {
    if (row.properties.dataLayoutRow === undefined) continue;
    const cells = row.children.filter((cell): cell is Element => cell.type === 'element' && cell.properties.dataLayoutCell !== undefined);
    if (cells.length < 2 || !cells.some(isProse)) continue;
    for (const cell of cells) {
      if (isProse(cell) || collapsedText(cell) === '') continue;
      row.children.splice(row.children.indexOf(cell), 1);
      removed.push(cell);
    }
  }
  return removed;
}
