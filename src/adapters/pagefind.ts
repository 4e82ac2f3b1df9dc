import * as pagefind from 'pagefind';
import type { OutputFiles } from '../core/types.ts';

/**
 * Pagefind's search index for the site's pages (only their `data-pagefind-body` parts: the
 * chapters), in memory, as `pagefind/…` files to add to the site. One index in the book's
 * language, so chapters in other languages are found from the same search page.
 */
export async function searchIndex(site: OutputFiles, language: string): Promise<OutputFiles> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language.split('-')[0] ?? language, keepIndexUrl: true });
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    for (const [name, content] of site) {
      if (!name.endsWith('.html')) continue;
      const added = await index.addHTMLFile({ url: `/${name}`, content: typeof content === 'string' ? content : new TextDecoder().decode(content) });
      if (added.errors.length > 0) throw new Error(`Pagefind could not index ${name}: ${added.errors.join('; ')}`);
    }
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length > 0) throw new Error(`Pagefind could not write its index: ${fileErrors.join('; ')}`);
    const output: OutputFiles = new Map();
    // Only what the search page uses: the search script, its WebAssembly and the index itself.
    for (const file of files) {
      if (/^pagefind-(ui|modular-ui|component-ui|highlight)/.test(file.path)) continue;
      output.set(`pagefind/${file.path}`, file.content);
    }
    return output;
  } finally {
    await pagefind.close();
  }
}
