import type { CslItemType } from '../csl.ts';
import { hasDayPrecision } from './dates.ts';
import type { Draft } from './draft.ts';
import { isNewsOutlet, looksLikeJournal } from './organisations.ts';

const SPEECH_TITLE = /^(?:speech|address|remarks|keynote|lecture)\b/i;
const TREATY_TITLE = /^(?:agreement|treaty|convention|protocol|memorandum of understanding|charter)\s+(?:on|between|of|for|concerning|among|establishing)\b/i;
const LAW_TITLE = /^(?:law|act|decree|resolution|regulation|on amending)\b|\b(?:law on|decree of|resolution of the government)\b/i;
const DATA_HOSTS =
  /^https?:\/\/(?:[\w-]+\.)*(?:statcounter\.com|finance\.yahoo\.com|data\.worldbank\.org|ourworldindata\.org|data\.un\.org|stats\.oecd\.org|comtrade\.un\.org)\b/i;

/**
 * The CSL type, from the strongest evidence down: what a field said outright (speech, thesis,
 * series), what the title announces (a treaty, a law), then the shape of the publication details.
 */
export function inferItemType(draft: Draft, authorIsOutlet: boolean): CslItemType {
  const { item, hints } = draft;
  const titles = [draft.originalTitle, draft.translatedTitle].filter((title): title is string => title !== undefined);
  if (hints.has('interview')) return 'interview';
  if (hints.has('thesis')) return 'thesis';
  if (hints.has('speech') || titles.some((title) => SPEECH_TITLE.test(title))) return 'speech';
  if (titles.some((title) => TREATY_TITLE.test(title))) return 'treaty';
  if (titles.some((title) => LAW_TITLE.test(title))) return 'legislation';
  if (hints.has('chapter')) return 'chapter';
  if (hints.has('dataset') || DATA_HOSTS.test(item.URL ?? '')) return 'dataset';
  if (hints.has('report')) return 'report';
  const container = item['container-title'];
  if (container !== undefined) return containerType(draft, container);
  if (item.publisher !== undefined || item['publisher-place'] !== undefined || hints.has('book')) return 'book';
  if (authorIsOutlet) return 'article-newspaper';
  if (item.URL !== undefined) return /blog/i.test(item.URL) ? 'post-weblog' : 'webpage';
  return draft.titleIsItalic ? 'book' : 'document';
}

function containerType(draft: Draft, container: string): CslItemType {
  const { item, hints } = draft;
  if (item.volume !== undefined || item.issue !== undefined || hints.has('journal')) return 'article-journal';
  if (item.editor !== undefined && (item.publisher !== undefined || hints.has('book'))) return 'chapter';
  if (hints.has('blog') || /blog/i.test(container) || /blog/i.test(item.URL ?? '')) return 'post-weblog';
  if (isNewsOutlet(container) || hasDayPrecision(item.issued)) return 'article-newspaper';
  if (looksLikeJournal(container)) return 'article-journal';
  return item.URL !== undefined ? 'webpage' : 'article';
}
