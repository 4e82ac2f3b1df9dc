import type { Link, Parent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * Closing quotes and guillemets typed after an address (`“https://…”`, `« https://… »`, `‘…’`).
 * GFM's literal autolinks end only at ASCII punctuation, so they take these in; a real address
 * never ends in one (it would be percent-encoded).
 */
const closingQuotes = /[”’»›」』]+$/u;

/** A link written as its own address: a literal autolink, `<…>`, `www.…` or an e-mail address. */
function isAddressLink(link: Link): link is Link & { children: [Text] } {
  const [text] = link.children;
  if (link.children.length !== 1 || text?.type !== 'text') return false;
  return link.url === text.value || link.url === `http://${text.value}` || link.url === `mailto:${text.value}`;
}

/**
 * remark plugin: a link written as its own address gives back the closing quotes it swallowed,
 * `“https://x.org/page”.` → the link `https://x.org/page` then the text `”.` (also mends chapters an
 * earlier import wrote as `“<https://x.org/page”>`).
 */
export function remarkAutolinkQuotes() {
  return (tree: Root) => {
    visit(tree, 'link', (link: Link, index: number | undefined, parent: Parent | undefined) => {
      if (!parent || index === undefined || !isAddressLink(link)) return;
      const quotes = closingQuotes.exec(link.children[0].value)?.[0];
      if (!quotes || quotes.length === link.children[0].value.length) return;
      link.url = link.url.slice(0, -quotes.length);
      link.children[0].value = link.children[0].value.slice(0, -quotes.length);
      const after = parent.children[index + 1];
      if (after?.type === 'text') after.value = quotes + after.value;
      else parent.children.splice(index + 1, 0, { type: 'text', value: quotes } satisfies Text);
    });
  };
}
