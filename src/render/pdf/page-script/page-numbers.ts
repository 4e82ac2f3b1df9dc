/** Writes page numbers into the laid-out pages: their boxes have a fixed width, so nothing reflows. */
export function fillPageRefs(pageRefs: Record<string, string>, pageRefAttribute: string): void {
  for (const element of Array.from(document.querySelectorAll(`.pagedjs_pages [${pageRefAttribute}]`))) {
    const target = element.getAttribute(pageRefAttribute) ?? '';
    if (target in pageRefs) element.textContent = pageRefs[target] ?? '';
  }
}

/** Numbers the pages from `firstPageNumber`: Paged.js counts them from 1 in each tab. */
export function startPageNumbersAt(firstPageNumber: number): void {
  const pagesArea = document.querySelector<HTMLElement>('.pagedjs_pages');
  if (!pagesArea) return;
  const counters = getComputedStyle(pagesArea).counterReset.split(/\s+/);
  const pairs: string[] = [];
  let hasPage = false;
  for (let index = 0; index < counters.length; index += 2) {
    const name = counters[index];
    if (!name || name === 'none') continue;
    const value = name === 'page' ? String(firstPageNumber - 1) : (counters[index + 1] ?? '0');
    hasPage ||= name === 'page';
    pairs.push(`${name} ${value}`);
  }
  if (!hasPage) pairs.push(`page ${firstPageNumber - 1}`);
  pagesArea.style.counterReset = pairs.join(' ');
}
