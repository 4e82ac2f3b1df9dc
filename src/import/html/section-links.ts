import type { Element, Nodes, Parents } from 'hast';
import { ancestorsOf, classNames, collapsedText, stringProperty } from './hast-tree.ts';

/** A link to one of the site's sections or categories, by the words it shows. */
export interface SectionLink {
  element: Element;
  /** Why it is one, for the report. */
  why: string;
  /** Marked so (rel, a category address), not only going where the menu goes. */
  marked: boolean;
}

/** How a name is looked up among the sections: case and spacing aside. */
export function sectionKey(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Addresses of a site's sections, categories and tags (WordPress's `/category/…`, `/tag/…`, news sites' `/section/…`). */
const sectionPath = /\/(?:category|categories|tag|tags|section|sections|rubrique|rubrik|kategorie|categoria|categoría)\/[^/]/i;

/** A writer's page on the site (WordPress's `/author/…`). */
const authorPage = /\/(?:author|authors|autor|autoren|auteur|auteurs|people|profile|profiles|staff)\//i;

/** Names the page marks as its writers', lower-cased: links `rel=author` or to an author's page, `itemprop=author`. */
export function markedAuthorNames(elements: readonly Element[]): Set<string> {
  const names = new Set<string>();
  for (const element of elements) {
    const rel = (stringProperty(element, 'rel') ?? '').toLowerCase().split(/\s+/);
    const itemProp = (stringProperty(element, 'itemProp') ?? '').split(/\s+/);
    const toAuthor = element.tagName === 'a' && authorPage.test(stringProperty(element, 'href') ?? '');
    if (rel.includes('author') || itemProp.includes('author') || toAuthor) names.add(sectionKey(collapsedText(element)));
  }
  return names;
}

/** Navigation, as a page marks it: `<nav>`, `role=navigation`, a menu or breadcrumbs by class or id. */
function isNavigation(element: Element): boolean {
  if (element.tagName === 'nav' || stringProperty(element, 'role') === 'navigation') return true;
  const names = [...classNames(element), stringProperty(element, 'id') ?? ''];
  return names.some((name) => /(?:^|[-_\s])(?:nav|navbar|navigation|menu|breadcrumbs?)(?:$|[-_\s])/i.test(name));
}

/** A link's address without scheme, host, query or final slash: `/business` for `https://edition.cnn.com/business/`. */
function pathOf(href: string): string | undefined {
  const match = /^(?:(?:https?:)?\/\/[^/?#]+)?(\/[^?#]*)/i.exec(href.trim());
  const path = match?.[1]?.replace(/\/+$/, '');
  return path === undefined || path === '' ? undefined : path.toLowerCase();
}

/**
 * Whether a link goes to the site (a relative address, or one on the page's own domain: `edition.cnn.com`
 * beside `www.cnn.com`), where a path names a page of the site.
 */
function onSite(href: string, domain: string | undefined): boolean {
  const host = /^(?:https?:)?\/\/([^/?#:]+)/i.exec(href.trim())?.[1]?.toLowerCase();
  return host === undefined ? href.trim().startsWith('/') : domain !== undefined && (host === domain || host.endsWith(`.${domain}`));
}

/** `cnn.com` for `https://www.cnn.com/2019/…`: the last two labels of the host. */
export function domainOf(address: string | undefined): string | undefined {
  const host = address && /^(?:https?:)?\/\/([^/?#:]+)/i.exec(address)?.[1]?.toLowerCase();
  return host ? host.split('.').slice(-2).join('.') : undefined;
}

/**
 * The links of a page that name a section of its site rather than a person, by the words they
 * show (lower-cased): marked `rel=category` or `rel=tag`, going to a category or tag address, or
 * going where a link of the site's navigation or breadcrumbs goes (CNN's byline `By Jill Disis,
 * <a href="https://edition.cnn.com/business">CNN Business</a>` beside its menu's `/business`). The
 * site's home and its authors' pages are never sections.
 */
export function sectionLinks(elements: readonly Element[], parents: ReadonlyMap<Nodes, Parents>, pageAddress: string | undefined): Map<string, SectionLink> {
  const domain = domainOf(pageAddress);
  const links = elements.filter((element) => element.tagName === 'a' && typeof element.properties.href === 'string');
  const inNavigation = (link: Element) => ancestorsOf(link, parents).some((node) => node.type === 'element' && isNavigation(node));
  const navigationPaths = new Set(
    links.flatMap((link) => {
      const href = stringProperty(link, 'href') ?? '';
      const path = pathOf(href);
      return path && onSite(href, domain) && inNavigation(link) ? [path] : [];
    }),
  );
  const found = new Map<string, SectionLink>();
  for (const link of links) {
    const text = sectionKey(collapsedText(link));
    const href = stringProperty(link, 'href') ?? '';
    const path = pathOf(href);
    if (text === '' || found.has(text) || authorPage.test(href)) continue;
    const rel = (stringProperty(link, 'rel') ?? '').toLowerCase().split(/\s+/);
    const why = rel.includes('category')
      ? 'a category link of the site (rel=category)'
      : rel.includes('tag')
        ? 'a tag link of the site (rel=tag)'
        : path && onSite(href, domain) && sectionPath.test(path)
          ? `a link to a section of the site (${href})`
          : path && onSite(href, domain) && navigationPaths.has(path)
            ? `a link to a section of the site its menu has too (${href})`
            : undefined;
    if (why) found.set(text, { element: link, why, marked: !why.includes('its menu') });
  }
  return found;
}
