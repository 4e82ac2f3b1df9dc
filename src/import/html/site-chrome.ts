import type { Element, Nodes, Parents, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { findDate } from '../text.ts';
import { ancestorsOf, classNames, collapsedText, elementsOf, isElement, parentMap, removeNode, stringProperty } from './hast-tree.ts';
import { isFormula } from './tex-math.ts';
import { hintWords, textStats } from './text-density.ts';

/**
 * Site chrome inside an article container: the parts of a page a theme or platform puts around
 * every post (navigation, contents lists, previous/next links, share bars, related posts, comments,
 * sign-up boxes, tag lists, copyright lines, advertisements). Each is recognised by what the page
 * says it is (tag, role, class or id words), by what it says (a short block that reads as chrome),
 * by the heading it sits under, or by being a block of links at an edge of the article; each
 * removal keeps its reason for the line account.
 */

export type ChromeKind =
  | 'navigation'
  | 'contents'
  | 'previous/next'
  | 'share'
  | 'related'
  | 'comments'
  | 'newsletter'
  | 'tags'
  | 'copyright'
  | 'advertisement'
  | 'sidebar'
  | 'footer'
  | 'byline'
  | 'screen'
  | 'code-label'
  | 'empty-section'
  | 'embed-title'
  | 'links'
  | 'slideshow'
  | 'call-to-action';

const reasons: Record<ChromeKind, string> = {
  navigation: 'site chrome: navigation or breadcrumbs',
  contents: 'site chrome: table of contents',
  'previous/next': 'site chrome: previous/next links',
  share: 'site chrome: share buttons',
  related: 'site chrome: related or recommended posts',
  comments: 'site chrome: comments or comment form',
  newsletter: 'site chrome: newsletter or subscription box',
  'call-to-action': 'site chrome: a call to the reader (write a letter to the editor, become a member, a subscribers-only badge)',
  tags: 'site chrome: tags and categories',
  copyright: 'site chrome: copyright line',
  advertisement: 'site chrome: advertisement',
  sidebar: 'site chrome: sidebar or widget',
  footer: 'site chrome: the article’s footer (tags, sharing, meta)',
  links: 'site chrome: a block of links after or before the article',
  slideshow:
    'site chrome: a slideshow’s buttons and counters (Caption, Close, Image 2 of 5, Back to Gallery), a caption’s more/less toggle or its cut-short copy',
  byline: 'the article’s byline and date line (the page’s metadata, read from the page)',
  screen: 'site chrome: marked as not for print (edit links, “citation needed”, maintenance notes)',
  'empty-section': 'site chrome: the heading of a section that held only site chrome (a wiki’s “See also” links, “External links”)',
  'embed-title': 'site chrome: the title of an embedded player, set apart by rules or headings (the player itself cannot go into a chapter)',
  'code-label': 'site chrome: a code block’s language label or copy button, set by the highlighter beside the code',
};

export function chromeReason(kind: ChromeKind): string {
  return reasons[kind];
}

export interface DroppedChrome {
  element: Element;
  kind: ChromeKind;
  reason: string;
}

/** Class and id words that name a kind of chrome (whole words of `hintWords`). */
const hintKinds: [ChromeKind, ReadonlySet<string>][] = [
  ['previous/next', new Set(['prev', 'previous', 'next', 'prevnext', 'postnav', 'pagenav'])],
  ['contents', new Set(['toc', 'toctree', 'tableofcontents'])],
  // MediaWiki's hatnotes (“Main article: …”) and navboxes are navigation too.
  ['navigation', new Set(['nav', 'navbar', 'navigation', 'menu', 'breadcrumb', 'breadcrumbs', 'pagination', 'pager', 'skip', 'hatnote', 'dablink', 'navbox'])],
  ['share', new Set(['share', 'shares', 'sharing', 'sharedaddy', 'social', 'addtoany', 'a2a', 'sociable', 'shariff', 'sharethis'])],
  ['related', new Set(['related', 'relatedposts', 'recommended', 'recommendations', 'recirc', 'recirculation', 'yarpp', 'morestories', 'outbrain', 'taboola'])],
  ['comments', new Set(['comment', 'comments', 'respond', 'discussion', 'disqus', 'replies', 'commentlist'])],
  ['newsletter', new Set(['newsletter', 'subscribe', 'subscription', 'signup', 'mailchimp', 'mc4wp', 'optin', 'convertkit', 'mailinglist'])],
  // The Atlantic's `c-letters-cta`, Übermedien's `membership__thank` badge over a subscribers' piece.
  ['call-to-action', new Set(['cta', 'calltoaction', 'membership'])],
  ['advertisement', new Set(['ad', 'ads', 'advert', 'adverts', 'advertisement', 'adsbygoogle', 'sponsor', 'sponsored', 'promo', 'dfp', 'gpt'])],
  // `widget` is weak: page builders (Elementor) and news sites call blocks of the body widgets, which
  // their other words (`post-content`, `article-tweet__content`) then outweigh.
  ['sidebar', new Set(['sidebar', 'sidebars', 'widget', 'widgets', 'widgetarea'])],
  ['copyright', new Set(['copyright'])],
  ['footer', new Set(['footer', 'colophon'])],
  // Medium marks what a reader should not hear read aloud (author bar, claps) `speechify-ignore`.
  [
    'byline',
    new Set(['byline', 'dateline', 'meta', 'timestamp', 'speechify', 'postdata', 'postmeta', 'postinfo', 'entrymeta', 'date', 'dates', 'posted', 'published']),
  ],
];

const callToActionLength = 300;

/** Chrome words that also name parts of a body (a news site's `article-widget` holding a tweet): half a vote. */
const weakHints = new Set(['widget', 'widgets']);

/** Names of “read also” boxes that take two words: `lire_aussi`, `see-also`, `mehr-zum-thema`, RT's `read-more-big` teaser for another story. */
const relatedNames =
  /(^|-)(lire-aussi|voir-aussi|a-lire|also-read|read-also|read-next|lesen-sie-auch|mehr-zum-thema|leia-tambem|lee-tambien|leggi-anche|you-may-like|more-stories|read-more)(-|$)/;

const containerWords = new Set(['article', 'body', 'content', 'main', 'column', 'entry', 'post', 'story', 'text']);
const listWords = new Set(['list', 'lists', 'grid', 'carousel']);

const screenOnlyClass =
  /^(no-?print|d-print-none|hidden-print|print-?hidden|print-hide|screen-only|mw-editsection|edit-link|post-edit-link|ambox|mbox-small|sistersitebox)$/i;

/** Tag and category lists: whole class names, because WordPress puts `tag-x`, `category-y` on the post itself. */
const tagListClass = /^((post|entry|article)-)?(tags?|categories|topics)(-(links|list))?$|^(tags?|cat|category)-links$|^tagcloud$|^tag-?list$/;

const roleKinds: Record<string, ChromeKind> = {
  navigation: 'navigation',
  complementary: 'sidebar',
  contentinfo: 'footer',
  menu: 'navigation',
  menubar: 'navigation',
  search: 'navigation',
};

/** What the markup says the element is: its tag, role, class names or id. */
export function kindByMarkup(element: Element): ChromeKind | undefined {
  if (isFormula(element)) return undefined;
  if (element.tagName === 'nav') return isContentsList(element) ? 'contents' : navigationKind(element);
  if (element.tagName === 'form') return formKind(element);
  if (element.tagName === 'footer') return 'footer';
  if (element.tagName === 'aside' && textStats(element).links >= 0.5 * textStats(element).text) return 'sidebar';
  const role = roleKinds[stringProperty(element, 'role') ?? ''];
  if (role) return role === 'navigation' ? navigationKind(element) : role;
  const rel = stringProperty(element, 'rel') ?? '';
  if (/\b(prev|next)\b/.test(rel)) return 'previous/next';
  // Microdata the page gives about the article (schema.org `author`, `datePublished`) is metadata, not text.
  if (/\b(author|datePublished|dateModified|dateCreated|publisher)\b/.test(stringProperty(element, 'itemProp') ?? '')) return 'byline';
  if (isTagList(element)) return 'tags';
  if (classNames(element).some((name) => tagListClass.test(name.toLowerCase()))) return 'tags';
  // What the page itself keeps out of print (MediaWiki's `noprint`, Bootstrap's `d-print-none`) and edit links are screen furniture.
  if (classNames(element).some((name) => screenOnlyClass.test(name))) return 'screen';
  const words = hintWords(element, { roles: true });
  const joined = words.join('-');
  if (/\btable-of-contents\b/.test(joined)) return 'contents';
  if (relatedNames.test(joined)) return 'related';
  if (/(^|-)(reading-time|read-time|post-date|entry-date)(-|$)/.test(joined)) return 'byline';
  // Readability's rule of thumb: a name that also says body or content is a container (`main-content
  // sidebar-layout`), unless the chrome words outnumber those (`related-content` is related posts).
  const distinct = new Set(words);
  const chromeWords = [...distinct]
    .filter((word) => hintKinds.some(([, hints]) => hints.has(word)))
    .reduce((sum, word) => sum + (weakHints.has(word) ? 0.5 : 1), 0);
  // `post` in a list of posts (Salon's `horizontalPostList widget`) names what the list holds, not the body.
  const containers = new Set(words.filter((word, index) => containerWords.has(word) && !listWords.has(words[index + 1] ?? '')));
  if (chromeWords === 0 || containers.size > chromeWords) return undefined;
  for (const [kind, hints] of hintKinds) {
    if (!words.some((word) => hints.has(word))) continue;
    // A call to the reader is a line or two; a block of text so named is the members' article (`membership-content`).
    if (kind === 'call-to-action' && textStats(element).text > callToActionLength) continue;
    return kind === 'navigation' ? navigationKind(element) : kind;
  }
  return undefined;
}

/** Two or more links whose words are the page's declared keywords, with little else: the post's tags. */
function isKeywordLinks(element: Element, keywords: ReadonlySet<string>): boolean {
  if (keywords.size === 0) return false;
  const links = selectAll('a[href]', element);
  if (links.length < 2 || !links.every((link) => keywords.has(collapsedText(link).toLowerCase()))) return false;
  const { text, links: linkText } = textStats(element);
  return linkText >= 0.6 * text;
}

/** Links marked `rel=tag` (the microformat for a post's tags) with little else. */
function isTagList(element: Element): boolean {
  // A walk that stops at the first link that is not a tag: most elements answer at once.
  let links = 0;
  const onlyTags = (node: Element): boolean =>
    node.children.every((child) => {
      if (child.type !== 'element') return true;
      if (child.tagName === 'a' && child.properties.href !== undefined) {
        links++;
        return /\btag\b/.test(stringProperty(child, 'rel') ?? '');
      }
      return onlyTags(child);
    });
  if (element.tagName === 'a' || !onlyTags(element) || links === 0) return false;
  const { text, links: linkText } = textStats(element);
  return linkText >= 0.5 * text;
}

/** Navigation that only offers the previous and next posts says so. */
function navigationKind(element: Element): ChromeKind {
  const links = selectAll('a', element);
  return links.length > 0 &&
    links.length <= 3 &&
    links.some((link) => previousNext.test(collapsedText(link)) || /\b(prev|next)\b/.test(stringProperty(link, 'rel') ?? ''))
    ? 'previous/next'
    : isContentsList(element)
      ? 'contents'
      : 'navigation';
}

/** Forms in a post: a comment form, a sign-up form, a search box. */
function formKind(element: Element): ChromeKind {
  const words = [...hintWords(element), ...(stringProperty(element, 'action') ?? '').toLowerCase().split(/[^a-z0-9]+/)];
  if (words.some((word) => ['comment', 'comments', 'respond', 'wp-comments-post'].includes(word))) return 'comments';
  if (words.some((word) => ['search', 's'].includes(word))) return 'navigation';
  return 'newsletter';
}

/**
 * Words chrome uses for itself, in the languages posts most often come in (en, fr, de, es, pt, it,
 * nl, ja). Matched against a whole short block, case and trailing punctuation aside.
 */
const phrases = {
  previousNext: [
    'previous|prev|next|older|newer( post| article| entry| page| story| chapter| episode)?s?',
    'article (précédent|suivant)|billet (précédent|suivant)|(précédent|suivant)',
    '(vorheriger|nächster|älterer|neuerer) (beitrag|artikel|eintrag)',
    '(entrada|artículo|post) (anterior|siguiente)|anterior|siguiente',
    '(post|artigo) (anterior|seguinte)|próximo (post|artigo)',
    '(articolo|post) (precedente|successivo)',
    '(vorige|volgende) (bericht|artikel)',
    '前の投稿|次の投稿|前の記事|次の記事',
  ],
  share: [
    'share( this( post| article| story| page)?)?( on| via| with)?( \\w+)?',
    'tweet( this)?|pin( it)?|e-?mail( this)?|print( this)?',
    'partager( cet article| sur \\w+)?|partagez|teilen|diesen (beitrag|artikel) teilen|compartir( esto)?|compartilhe|compartilhar|condividi|delen',
    'シェアする|シェア',
  ],
  comments: [
    'leave a (comment|reply)|post a comment|add a comment|write a comment|join the (discussion|conversation)|no comments( yet)?',
    '\\d+ (comments?|responses?|replies)|comments?( \\(\\d+( posted)?\\))?|show comments|view comments',
    '(laisser|laissez) un commentaire|\\d* ?commentaires?|ajouter un commentaire',
    '(hinterlasse|schreibe) einen kommentar|\\d* ?kommentare?',
    '(deja|dejar) un comentario|\\d* ?comentarios?|(deixe|deixar) um comentário|\\d* ?comentários?',
    'lascia un commento|\\d* ?commenti',
    'laat een reactie achter|\\d* ?reacties?',
    'コメントを残す|コメント',
  ],
  newsletter: [
    'subscribe( now| today)?|sign up( now)?',
    "(click here to |please )?(subscribe|sign up) (to|for) (our|the|my) [\\w\\s’'-]{0,30}newsletter[^.]{0,60}",
    'get (the latest|our)[^.]{0,60}(in|to) your inbox[^.]{0,40}',
    "(abonnez-vous|s'abonner|inscrivez-vous)( à (la|notre) newsletter)?|newsletter abonnieren|jetzt abonnieren|suscríbete|suscribirse|assine|inscreva-se|iscriviti",
    // Paywalls: the rest of the story is elsewhere.
    '(subscribe now|please subscribe|subscribe)[^.]{0,40} (to (view|read|continue reading)|for) the full (story|article)[^.]{0,80}|to (view|read|continue reading) the full (story|article)[^.]{0,80}',
  ],
  related: [
    'related( posts| articles| stories| content| reading)?|you (may|might) also (like|enjoy)|more (from|on|in) [^.]{1,40}|read (more|next)',
    // Not “See also”: in a post it is the author's own pointers.
    'recommended( for you| reading)?|popular (posts|stories)|most (read|popular)|trending( now)?|also read|read also',
    'featured (slide ?shows|galleries|stories|posts|articles|videos)',
    "don[’']t miss|what to read next|recent (posts|articles|stories)|latest (posts|articles|stories)|more (stories|articles)|other posts|you may have missed",
    'mentioned in|linked from|pingbacks?|trackbacks?|pingbacks? (and|&) trackbacks?',
    '(à )?lire aussi|voir aussi|sur le même sujet|articles? (similaires|liés|connexes)|à lire',
    'lesen sie auch|auch lesen|schon gelesen\\??|weiterlesen|zum weiterlesen|auch interessant|mehr zum thema|weitere (artikel|beiträge)( zum thema)?',
    'ähnliche (artikel|beiträge)|das könnte (sie|dich) auch interessieren|empfehlungen aus der redaktion',
    'lee también|leer también|lea (también|más)|ver también|vea también|puedes ver|(artículos|entradas) relacionad[ao]s|también te puede interesar',
    'czytaj (też|także|również|więcej)|zobacz (też|także|również)',
    'leia também|veja também|(posts|artigos) relacionados|você também pode gostar',
    'leggi anche|articoli correlati|potrebbe interessarti',
    'lees ook|gerelateerde (berichten|artikelen)',
    '関連投稿|関連記事|最近の投稿|人気の記事|おすすめ記事',
  ],
};

const anyOf = (list: readonly string[]) => list.map((phrase) => `(?:${phrase})`).join('|');
const wholeBlock = (list: readonly string[], tail = '[\\s:.!…»→›>]*') => new RegExp(`^\\s*(?:${anyOf(list)})${tail}$`, 'iu');

const previousNextLabel = new RegExp(`^\\s*(?:[«‹←<]\\s*)?(?:${anyOf(phrases.previousNext)})\\s*[:»›→>]?\\s*$`, 'iu');
const previousNext = new RegExp(`^\\s*(?:[«‹←<]\\s*)?(?:${anyOf(phrases.previousNext)})\\b|[»›→>]\\s*$`, 'iu');

/** What a short block says: whole-block phrases that only chrome uses. */
const textCues: [ChromeKind, RegExp][] = [
  [
    'advertisement',
    /^(advertisement|advertisements|advert|ad|anzeige|publicité|publicidad|publicidade|pubblicità|advertentie|sponsored( content)?|continue reading below|story continues below( advertisement)?|article continues below( advertisement)?)$/i,
  ],
  [
    'share',
    wholeBlock(
      phrases.share,
      '[\\s:.!]*((facebook|twitter|x|linkedin|e-?mail|reddit|whatsapp|pinterest|print|tumblr|pocket|telegram|mastodon|bluesky|more)[\\s,|:·•]*)*',
    ),
  ],
  ['comments', wholeBlock(phrases.comments)],
  ['newsletter', wholeBlock(phrases.newsletter)],
  // A badge over a piece for subscribers (Medium's “Member-only story”).
  [
    'call-to-action',
    /^(exclusive(ly)? (for|to) (subscribers|members)|(for )?(subscribers|members)[- ]only( story| content| article)?|member-only story|(nur|exklusiv) für abonnent(en|innen)|réservé aux abonnés|exclusivo para (suscriptores|assinantes))[\s.!]*$/i,
  ],
  [
    'tags',
    /^(tags?|tagged( with)?|filed under|categories|category|topics|posted in|étiquettes|mots-clés|schlagwörter|schlagworte|etiquetas|categorías|tag|categorie|タグ|カテゴリー)\s*[:：]/iu,
  ],
  ['copyright', /^(©|\(c\)|copyright\b)|all rights reserved\.?$|tous droits réservés\.?$|alle rechte vorbehalten\.?$|todos los derechos reservados\.?$/i],
  ['related', wholeBlock(phrases.related)],
  // A slideshow's buttons and counters, each a block of its own (Hearst's `<p class="open">Caption</p><p class="close">Close</p>`, Space.com's “Image 1 of 5”):
  // only inside a gallery's markup (`3/4` in a table, a list item `Close` are the text's own).
  [
    'slideshow',
    /^((image|photo|picture|slide)\s+)?\d+\s*(of|\/)\s*\d+$|^(caption|close|(show|hide|view) caption|back to gallery|(view|open) (the )?gallery|full ?screen|thumbnails)$/i,
  ],
  // A highlighter's label under a code block (“Code language: Bash (bash)”) and its copy button.
  ['code-label', /^(code language:[^.]{0,40}|copy( code| to clipboard)?|copied!?)$/i],
];

/** Section headings under which a theme lists chrome rather than the article's own text. */
const sectionCues: [ChromeKind, RegExp][] = [
  ...textCues.filter(([kind]) => ['related', 'tags', 'comments', 'share', 'newsletter'].includes(kind)),
  ['comments', /^(\d+\s+(comments?|responses?|replies)|comments?)\b/i],
  ['share', /^share( this( post| article)?)?\b/i],
  ['newsletter', /^(subscribe|sign up|newsletter|get (the latest|our))\b/i],
  ['tags', /^(tags?|tagged|categories|topics)\b[\s:]*$/i],
];

/** A link line that introduces another story: “Read more: …”, “RELATED: …”, “Lire aussi : …”. */
const relatedLead = new RegExp(`^\\s*(?:read more|see more|more|watch|click here|${anyOf(phrases.related)})\\s*[:|–—-]`, 'iu');

/** The byline or date line a theme prints in the body (“Posted by Konstantin @ 12:00 am”, “Updated at 1:23 p.m.”, an edition's “Page editor: …”). */
const bylineLine =
  /^(posted|written|published|submitted|filed)\s+(by|on)\s|^(updated|last updated|last modified|originally published|publié le|veröffentlicht am|publicado (el|em))\b.{0,60}\d|^(page|section|issue) editors?\s*:/iu;

function kindByText(element: Element, text: string, links: number, inSlideshow: () => boolean): ChromeKind | undefined {
  if (text.length > 200 || text === '') return undefined;
  for (const [kind, cue] of textCues) {
    if (!cue.test(text) || (kind === 'copyright' && !namesHolderOrYear(text)) || (kind === 'slideshow' && !inSlideshow())) continue;
    return kind;
  }
  if (text.length <= 120 && bylineLine.test(text)) return 'byline';
  if (links >= 0.5 * text.length && previousNext.test(text) && text.length < 160) return 'previous/next';
  if (links > 0 && previousNextLabel.test(text)) return 'previous/next';
  if (links > 0 && relatedLead.test(text) && links >= 0.5 * text.replace(relatedLead, '').trim().length) return 'related';
  // A paragraph that is one bracketed headline linking elsewhere, set in the text by the site:
  // “[Our Latest Forecast: …]” (a short one, “[Engadget]”, credits a source).
  if (/^\[[^\]]{30,}\]$/.test(text) && links >= 0.8 * (text.length - 2) && isElement(element, 'p', 'div')) return 'related';
  if (isElement(element, 'ul', 'ol', 'div', 'p', 'section') && isPreviousNextPair(element)) return 'previous/next';
  if (isElement(element, 'p') && isShoutedLink(element, text, links))
    return /\b(?:click(?:ing)?|tap|download|subscribe|sign up|get (?:the|our))\b/i.test(text) ? 'call-to-action' : 'related';
  return undefined;
}

/**
 * A paragraph that is one link set in capitals between the text's paragraphs: another story's
 * headline (Fox News's “TAYLOR SWIFT CLEARED TO PERFORM HITS AT AMAs AMID FEUD…”) or a call to the
 * site's app (“GET FOX BUSINESS ON THE GO BY CLICKING HERE”). A heading in capitals is no link.
 */
function isShoutedLink(element: Element, text: string, links: number): boolean {
  if (text.split(/\s+/).length < 4 || links < 0.9 * text.length) return false;
  const anchors = selectAll('a[href]', element);
  if (anchors.length !== 1 || (stringProperty(anchors[0] as Element, 'href') ?? '#').startsWith('#')) return false;
  const letters = text.match(/\p{L}/gu) ?? [];
  const capitals = text.match(/\p{Lu}/gu) ?? [];
  return letters.length >= 20 && capitals.length >= 0.9 * letters.length;
}

/** A caption's toggle: a link to nowhere that says more or less (Hearst's `<a class="more-caption"> ... more</a>`). */
const toggleText = /^(\.{3}|…)?\s*(more|less|show (more|less)|read more|see more)$/i;

function isToggle(element: Element): boolean {
  return element.tagName === 'a' && stringProperty(element, 'href') === undefined && toggleText.test(collapsedText(element).trim());
}

/**
 * The cut-short copy of the block before it, shown until its toggle is pressed (Hearst's
 * `caption-truncated` after `caption-full`): its words, without the toggle, open that block's.
 */
function isCutShortCopy(element: Element, parent: Parents): boolean {
  const index = parent.children.indexOf(element);
  const previous = parent.children.slice(0, index).findLast((node): node is Element => node.type === 'element');
  if (!previous) return false;
  const toggles = selectAll('a', element).filter(isToggle);
  if (toggles.length === 0) return false;
  const own = collapsedText(element)
    .replace(/\s*(\.{3}|…)?\s*(more|less|show (more|less)|read more|see more)\s*$/i, '')
    .trim();
  const before = collapsedText(previous).trim();
  return own.length >= 40 && own.length < before.length && before.startsWith(own);
}

/** A copyright notice names its holder or year (“© 2020 Jane Doe”); “copyright: ©” in a list of signs is the text's own. */
function namesHolderOrYear(text: string): boolean {
  return /[\p{L}\d]/u.test(text.replace(/copyright|\(c\)/gi, ''));
}

/** Two links side by side, one to the older post and one to the newer (`« Title | Title »`). */
function isPreviousNextPair(element: Element): boolean {
  const links = selectAll('a', element);
  if (links.length !== 2) return false;
  const [first, second] = links.map((link) => collapsedText(link));
  const text = collapsedText(element);
  return /^[«‹←<]/.test(text) && /[»›→>]$/.test(text) && first !== undefined && second !== undefined;
}

/** A list of links to the headings of this page, or the page's `toc` element. */
export function isContentsList(element: Element, headingIds?: ReadonlySet<string>): boolean {
  const links = selectAll('a[href]', element);
  if (links.length < 3) return false;
  const inPage = links.filter((link) => {
    const href = stringProperty(link, 'href') ?? '';
    if (!href.startsWith('#') || href.length < 2) return false;
    return !headingIds || headingIds.has(decodeFragment(href.slice(1)));
  });
  const { text, links: linkText } = textStats(element);
  return inPage.length >= 0.8 * links.length && linkText >= 0.7 * text;
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * A post as listings show it (`article`, `.post`, `.hentry`, `.h-entry`, schema.org article types)
 * whose title links to another page: a teaser for another post, not this one's text.
 */
export function isTeaser(element: Element): boolean {
  if (!isPostItem(element)) return false;
  const link = select('h1 a[href], h2 a[href], h3 a[href], h4 a[href], .entry-title a[href], .post-title a[href]', element);
  const href = link ? (stringProperty(link, 'href') ?? '') : '';
  return href !== '' && !href.startsWith('#');
}

/**
 * A list of other posts, however it is marked up: two or more headings that are links to other
 * pages, with little text each (a title, an excerpt, a byline).
 */
export function isPostList(element: Element): boolean {
  if (!isElement(element, 'div', 'section', 'ul', 'ol', 'aside', 'nav', 'footer')) return false;
  let headings = 0;
  let linked = 0;
  const walk = (node: Element, outboundLink: boolean) => {
    if (/^h[1-6]$/.test(node.tagName)) {
      headings++;
      if (outboundLink || linksOut(node)) linked++;
      return;
    }
    for (const child of node.children) if (child.type === 'element') walk(child, outboundLink || (child.tagName === 'a' && isOutbound(child)));
  };
  walk(element, false);
  if (linked < 2 || linked < 0.5 * headings) return false;
  return textStats(element).text / linked < 400;
}

/** A heading filled by a link to another page. */
function linksOut(heading: Element): boolean {
  const link = select('a[href]', heading);
  return link !== undefined && isOutbound(link) && collapsedText(link).length >= 0.8 * collapsedText(heading).length;
}

function isOutbound(link: Element): boolean {
  const href = stringProperty(link, 'href') ?? '';
  return href !== '' && !href.startsWith('#');
}

/** A post as an index shows it: `article`, WordPress's `.post`, microformats, schema.org's article types. */
export function isPostItem(element: Element): boolean {
  return (
    element.tagName === 'article' ||
    classNames(element).some((name) => name === 'post' || name === 'hentry' || name === 'h-entry') ||
    /schema\.org\/(BlogPosting|Article|NewsArticle)$/.test(stringProperty(element, 'itemType') ?? '')
  );
}

export interface ChromeOptions {
  /** Elements never taken out (the notes and what holds them). */
  isProtected: (element: Element) => boolean;
  /** Elements whose insides are kept but which may hold chrome (ancestors of the notes). */
  holdsProtected: (element: Element) => boolean;
  /** The page's declared keywords and tags (`meta keywords`, `article:tag`), lower-cased: a block of links to them is its tag list. */
  keywords?: ReadonlySet<string>;
  /** The article's authors, as the page's metadata names them: a block of their names, the date and a Follow button is the byline bar. */
  authors?: readonly string[];
}

/**
 * Takes site chrome out of the article content and returns what it took, in document order. A
 * block that holds most of the article is never taken for chrome by its class alone.
 */
export function removeSiteChrome(content: Root, options: ChromeOptions): DroppedChrome[] {
  const dropped: DroppedChrome[] = [];
  const total = Math.max(1, textStats(content).text);
  const headingIds = new Set(
    selectAll('h1, h2, h3, h4, h5, h6, [id]', content).flatMap((element) => {
      const id = stringProperty(element, 'id');
      return id ? [id] : [];
    }),
  );
  const take = (element: Element, kind: ChromeKind) => dropped.push({ element, kind, reason: reasons[kind] });
  // Taken from the tree as it came: taking chrome out never moves what stays.
  const parents = parentMap(content);

  // Inside the notes (and the paragraphs their back-links point to) only what the page keeps out of print goes.
  const walk = (parent: Parents, inNotes = false) => {
    for (const child of [...parent.children]) {
      if (child.type !== 'element' || !parent.children.includes(child)) continue;
      if (inNotes || options.isProtected(child)) {
        const screen = kindByMarkup(child) === 'screen' || isHiddenByStyle(child);
        if (screen && !options.holdsProtected(child) && !options.isProtected(child)) {
          take(child, 'screen');
          removeNode(child, parent);
        } else walk(child, true);
        continue;
      }
      if (isCodeLabel(child, parent)) {
        take(child, 'code-label');
        removeNode(child, parent);
        continue;
      }
      // Words inside a sentence are the sentence's: an inline element in a line of prose is judged only
      // when it is most of the line, or by what the page says outright (not for print, microdata).
      if (isInline(child) && inProse(child, parent)) {
        const kind = isToggle(child) ? 'slideshow' : kindByMarkup(child);
        if (kind === 'screen' || kind === 'slideshow' || (kind === 'byline' && child.properties.itemProp !== undefined)) {
          take(child, kind);
          removeNode(child, parent);
        } else walk(child);
        continue;
      }
      const kind = chromeKindOf(child, parent, { total, headingIds, parents, options });
      if (kind && !options.holdsProtected(child)) {
        for (const element of [child, ...announcedBlocks(child, parent, kind, options)]) {
          take(element, kind);
          removeNode(element, parent);
        }
        continue;
      }
      walk(child);
    }
  };
  walk(content);
  for (const element of edgeLinkBlocks(content, options)) {
    const parent = parentMap(content).get(element);
    if (!parent) continue;
    take(element, 'links');
    removeNode(element, parent);
  }
  for (const heading of embedTitles(content, options)) {
    const parent = parentMap(content).get(heading);
    if (!parent) continue;
    take(heading, 'embed-title');
    removeNode(heading, parent);
  }
  if (dropped.length > 0) {
    for (const heading of emptySections(content, options)) {
      const parent = parentMap(content).get(heading);
      if (!parent) continue;
      take(heading, 'empty-section');
      removeNode(heading, parent);
    }
  }
  const order = new Map(elementsOf(content).map((element, index) => [element, index]));
  return dropped.sort(
    (a, b) => (a.element.position?.start.offset ?? order.get(a.element) ?? 0) - (b.element.position?.start.offset ?? order.get(b.element) ?? 0),
  );
}

interface BlockContext {
  /** The article's length in characters. */
  total: number;
  headingIds: ReadonlySet<string>;
  parents: ReadonlyMap<Nodes, Parents>;
  options: ChromeOptions;
}

/** The kind of chrome a block of the article is, by all the cues a block alone gives; undefined for the article's own. */
function chromeKindOf(element: Element, parent: Parents, { total, headingIds, parents, options }: BlockContext): ChromeKind | undefined {
  return (
    (isCutShortCopy(element, parent) ? 'slideshow' : blockKind(element, total, headingIds, parents)) ??
    (options.keywords && isKeywordLinks(element, options.keywords) ? 'tags' : undefined) ??
    (options.authors && isAuthorBar(element, options.authors) ? 'byline' : undefined) ??
    (relatedPostsAfter(element, parent, options).length > 0 ? 'related' : undefined)
  );
}

/**
 * The bar a platform sets by the title or after the text (Medium's: avatar, `John C. Welch`,
 * `Follow`, `Oct 15, 2015 · 18 min read`): a block that holds one of the article's authors and,
 * besides their names, only a date, a reading time and the buttons to follow or subscribe.
 */
function isAuthorBar(element: Element, authors: readonly string[]): boolean {
  let text = collapsedText(element);
  if (text === '' || text.length > 200) return false;
  const named = authors.filter((name) => name.length > 2 && text.toLowerCase().includes(name.toLowerCase()));
  if (named.length === 0) return false;
  for (const name of named) text = text.replace(new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ' ');
  let furniture = false;
  for (let date = findDate(text); date; date = findDate(text)) {
    text = `${text.slice(0, date.start)} ${text.slice(date.end)}`;
    furniture = true;
  }
  const rest = text.replace(barWords, () => {
    furniture = true;
    return ' ';
  });
  return furniture && /^[\s·•|,;:/–—&-]*(?:(?:by|and|von|und|par|et|por|y|written by|posted by)[\s·•|,;:/–—&-]*)*$/iu.test(rest);
}

/** What an author bar says besides names and dates: follow and subscribe buttons, reading time. */
const barWords =
  /(?<![\p{L}\p{N}])(?:\d+\s*(?:min(?:ute)?s?|mins?)\.?\s*(?:read|lesezeit|de lecture|de lectura)|(?:lesezeit|reading time|temps de lecture)\s*:?\s*\d+\s*min(?:uten|utes)?\.?|\d+\s*followers?|follow(?:ing)?|unfollow|subscribe|abonnieren|folgen|suivre|seguir)(?![\p{L}\p{N}])/giu;

/**
 * What a highlighter puts in a `pre` beside its `code` (“Code language: Bash”, a Copy button): the
 * code is the `code` element, the rest of the block is its furniture.
 */
function isCodeLabel(element: Element, parent: Parents): boolean {
  if (!isElement(parent, 'pre') || element.tagName === 'code' || select('code', element)) return false;
  return select('code', parent) !== undefined && collapsedText(element) !== '';
}

/**
 * Set out of sight by the page itself (`style="display:none"`, `hidden`): inside a note, a
 * citation template's maintenance message (MediaWiki's “CS1 maint: …”) or its machine-readable copy.
 */
function isHiddenByStyle(element: Element): boolean {
  return element.properties.hidden === true || /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(stringProperty(element, 'style') ?? '');
}

/** Class names and ids of a slideshow's markup: Hearst's `gallery-overlay`, `slide-count`, Space.com's `inlinegallery`, `carousel`, `lightbox`, `swiper`. */
const slideshowName = /gallery|slide|carousel|lightbox|swiper/i;

/**
 * Whether a block sits in a slideshow's markup (it, or an element around it, is named so, or says
 * it is a carousel): there `Close`, `Caption`, `1 of 5` are its buttons and counters. A table cell
 * or a list item never is (a score `3/4`, a list of words), whatever holds it.
 */
function inSlideshow(element: Element, parents: ReadonlyMap<Nodes, Parents>): boolean {
  const around = [element, ...ancestorsOf(element, parents).filter((node): node is Element => node.type === 'element')];
  if (around.some((node) => isElement(node, 'td', 'th', 'li'))) return false;
  return around.some(
    (node) =>
      classNames(node).some((name) => slideshowName.test(name)) ||
      slideshowName.test(stringProperty(node, 'id') ?? '') ||
      /carousel|slide/i.test(stringProperty(node, 'ariaRoleDescription') ?? ''),
  );
}

/**
 * A button, or a link that leads nowhere (no address, `#`, `javascript:`), that is the whole block:
 * an overlay's control (moneycontrol's `<a href="javascript:;" class="closbtn">Close</a>` over an
 * advertisement), not words of the text. Never one in a table cell or a list item.
 */
function isDeadControl(element: Element, parents: ReadonlyMap<Nodes, Parents>): boolean {
  const inside = element.children.filter((node) => node.type === 'element' || (node.type === 'text' && node.value.trim() !== ''));
  const control = isElement(element, 'a', 'button') ? element : inside.length === 1 && inside[0]?.type === 'element' ? inside[0] : undefined;
  if (!control || !isElement(control, 'a', 'button')) return false;
  if ([element, ...ancestorsOf(element, parents)].some((node) => node.type === 'element' && isElement(node, 'td', 'th', 'li'))) return false;
  const href = stringProperty(control, 'href');
  return control.tagName === 'button' || href === undefined || /^(?:#|javascript:)/i.test(href.trim());
}

/** The kind of chrome a block is, by its markup or its words; undefined for the article's own blocks. */
function blockKind(element: Element, total: number, headingIds: ReadonlySet<string>, parents: ReadonlyMap<Nodes, Parents>): ChromeKind | undefined {
  const { text, links } = textStats(element);
  if (isElement(element, 'ul', 'ol', 'div', 'section', 'p') && isContentsList(element, headingIds)) return 'contents';
  const byText = kindByText(element, collapsedText(element), links, () => inSlideshow(element, parents) || isDeadControl(element, parents));
  if (byText) return byText;
  const share = text / total;
  const byMarkup = kindByMarkup(element);
  // A class word alone never takes most of the article (a theme may call its post body `post-share-wrap`),
  // but a comments section, related posts or a sidebar may outweigh a short post.
  if (byMarkup && (share <= 0.5 || (['comments', 'related', 'sidebar'].includes(byMarkup) && total - text >= 500))) return byMarkup;
  if (share <= 0.5 && (isTeaser(element) || isPostList(element))) return 'related';
  return undefined;
}

/**
 * What a label of chrome announces: after a heading (“Related posts”, “3 Comments”, “Share this”),
 * the blocks up to the next heading of the same or a higher rank when they are links or short
 * lines (or comments); after a short line (“You may also like…”, “Tags”), the run of blocks of
 * links that follows it.
 */
function announcedBlocks(label: Element, parent: Parents, kind: ChromeKind, options: ChromeOptions): Element[] {
  if (!['related', 'comments', 'share', 'newsletter', 'tags'].includes(kind)) return [];
  const posts = kind === 'related' ? relatedPostsAfter(label, parent, options) : [];
  if (posts.length > 0) return posts;
  const text = collapsedText(label);
  if (text.length > 80 || !sectionCues.some(([cueKind, cue]) => cueKind === kind && cue.test(text))) return [];
  const following = parent.children.slice(parent.children.indexOf(label) + 1).filter((node): node is Element => node.type === 'element');
  const blocked = (element: Element) => options.isProtected(element) || options.holdsProtected(element);
  if (/^h[2-6]$/.test(label.tagName)) {
    const rank = Number(label.tagName.slice(1));
    const section: Element[] = [];
    for (const sibling of following) {
      if (/^h[1-6]$/.test(sibling.tagName) && Number(sibling.tagName.slice(1)) <= rank) break;
      // Under such a heading come links and short lines (or, for comments, a list or thread of them):
      // a paragraph of prose is the author's again.
      if (blocked(sibling) || (isProse(sibling) && (kind !== 'comments' || isElement(sibling, 'p', 'blockquote')))) break;
      section.push(sibling);
    }
    return section;
  }
  const run: Element[] = [];
  for (const sibling of following) {
    const { text: length, links } = textStats(sibling);
    if (blocked(sibling) || (length > 0 && links < 0.6 * length)) break;
    run.push(sibling);
  }
  return run;
}

/**
 * What a heading over other posts says, in the languages of `phrases` and Russian, beyond what a short block may
 * be dropped for by its words alone (`phrases.related`): a heading that says so is chrome only with
 * the posts after it (`relatedPostsAfter`).
 */
const relatedHeading = wholeBlock([
  ...phrases.related,
  'you (may|might) (also )?(like|enjoy|be interested in)|more (posts|stories|articles) (like this|for you)|(other|more) (posts|stories|articles) you.ll (like|enjoy)|up next|keep reading',
  '(vous )?(aimerez|pourriez aimer|aimerez peut-être) (aussi|également)|à découvrir (aussi|également)|dans la même (rubrique|catégorie)|du même auteur',
  '(das )?könnte (sie|dich) (auch )?interessieren|beliebte (artikel|beiträge)|meistgelesen|mehr aus (dem|der) [^.]{1,30}',
  '(también )?te (puede|podría) (gustar|interesar)|(te|le) recomendamos|lo más leído|más (noticias|artículos) de [^.]{1,30}',
  'você (também )?pode gostar|(você )?(também )?poderá gostar|(posts|artigos|matérias) (recomendad[oa]s|semelhantes)|mais lidas|leia mais',
  '(ti )?potrebbe(ro)? (anche )?(interessarti|piacerti|interessare)|i più letti',
  '(dit )?(vind je )?misschien ook (leuk|interessant)|meer (nieuws|artikelen|berichten)|meest gelezen',
  'most (read|popular|viewed) [^.]{1,30}',
  'читайте также|смотрите также|похожие (статьи|записи|новости|материалы)|другие (статьи|записи|новости|материалы)|(самые )?популярн(ые|ое)( [^.]{1,30})?|вам (может|могут) (также )?понравиться|рекомендуем( почитать| прочитать)?',
]);

/**
 * The posts a heading announces: a heading that says it lists other posts (`relatedHeading`, in the
 * page's language), or is named so by its class (`relatedposts-title`), followed up to the next
 * heading of its rank by two or more of them: posts as an index shows them (`<article>`, `.post`),
 * lists of posts, lists and blocks of links. The words alone are never enough (a table cell or a
 * section of the author's may be headed “More from Rome”); neither is a run of links without them.
 */
function relatedPostsAfter(heading: Element, parent: Parents, options: ChromeOptions): Element[] {
  if (!/^h[2-6]$/.test(heading.tagName)) return [];
  const text = collapsedText(heading);
  const named = classNames(heading).some((name) => /related|recommend/i.test(name));
  if (text.length > 80 || !(named || relatedHeading.test(text))) return [];
  const rank = Number(heading.tagName.slice(1));
  const run: Element[] = [];
  let posts = 0;
  // Up to the last post: an advertisement's slot or a script after them is not theirs.
  let end = 0;
  for (const sibling of parent.children.slice(parent.children.indexOf(heading) + 1)) {
    if (sibling.type === 'text' && sibling.value.trim() !== '') break;
    if (sibling.type !== 'element') continue;
    if (/^h[1-6]$/.test(sibling.tagName) && Number(sibling.tagName.slice(1)) <= rank) break;
    if (options.isProtected(sibling) || options.holdsProtected(sibling)) break;
    const count = postsIn(sibling);
    if (count === undefined) break;
    posts += count;
    run.push(sibling);
    if (count > 0) end = run.length;
  }
  return posts >= 2 ? run.slice(0, end) : [];
}

/** How many other posts a block lists (0 for a block with no text: an advertisement's slot); undefined for a block of the article's. */
function postsIn(element: Element): number | undefined {
  if (isPostItem(element)) return 1;
  const { text, links } = textStats(element);
  if (text === 0) return 0;
  if (isPostList(element)) return Math.max(2, selectAll('h1 a[href], h2 a[href], h3 a[href], h4 a[href], h5 a[href], h6 a[href]', element).length);
  const anchors = selectAll('a[href]', element).filter(isOutbound);
  // A teaser: its picture and title link to one other page, with a line or two about it.
  if (anchors.length > 0 && text <= 300 && new Set(anchors.map((anchor) => stringProperty(anchor, 'href'))).size === 1) return 1;
  if (links < 0.6 * text) return undefined;
  return anchors.length > 0 ? anchors.length : undefined;
}

const inlineTags = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'label',
]);

/** An inline tag that holds no block: a `q` or `span` wrapping a `div` (SPIP's “Lire aussi” box) is a block however it is tagged. */
function isInline(element: Element): boolean {
  return inlineTags.has(element.tagName) && !element.children.some((child) => child.type === 'element' && blockTags.has(child.tagName));
}

/**
 * An element that is a small part of a line of prose (not of a line of links): text stands beside
 * it. An inline element set alone between blocks is a block of its own.
 */
function inProse(element: Element, parent: Parents): boolean {
  const beside = parent.children.some(
    (sibling) =>
      sibling !== element &&
      ((sibling.type === 'text' && sibling.value.trim() !== '') || (sibling.type === 'element' && isInline(sibling) && collapsedText(sibling) !== '')),
  );
  if (!beside) return false;
  const line = textStats(parent);
  return textStats(element).text < 0.8 * line.text && line.links < 0.5 * line.text;
}

/** Prose: a block a reader reads as text (a sentence or more, not mostly links). */
function isProse(element: Element): boolean {
  const { text, links } = textStats(element);
  return text >= 80 && links < 0.3 * text;
}

const blockTags = new Set([
  'p',
  'ul',
  'ol',
  'dl',
  'div',
  'section',
  'table',
  'blockquote',
  'pre',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'aside',
  'footer',
  'header',
]);

/**
 * Blocks of links before the first paragraph of prose or after the last one: breadcrumbs, a site's
 * contents list, lists of other posts. A list of links in the middle of the text is the author's.
 */
function edgeLinkBlocks(content: Root, options: ChromeOptions): Element[] {
  const blocks = topBlocks(content);
  const proseIndexes = blocks.flatMap((block, index) => (isProse(block) ? [index] : []));
  const first = proseIndexes[0];
  const last = proseIndexes.at(-1);
  if (first === undefined || last === undefined) return [];
  const listed = sourcesSections(blocks, last, options);
  const linkCount = blocks.map((block, index) => {
    if (index >= first && index <= last) return 0;
    if (options.isProtected(block) || options.holdsProtected(block) || listed.has(index)) return 0;
    const { text, links } = textStats(block);
    return text > 0 && links >= 0.6 * text ? selectAll('a[href]', block).length : 0;
  });
  // A block of two links or more goes; a single link only in a run of such blocks (a list spread over
  // paragraphs, or over the headings and notes after the text: a wiki's stray link between its
  // references and its external links): one link closing a post is its source or its “via”, which the author put there.
  const passedOver = blocks.map((block) => /^h[1-6]$/.test(block.tagName) || options.isProtected(block) || options.holdsProtected(block));
  const neighbour = (index: number, step: 1 | -1) => {
    let at = index + step;
    while (passedOver[at]) at += step;
    return linkCount[at] ?? 0;
  };
  const taken = blocks.map(
    (_, index) => (linkCount[index] ?? 0) >= 2 || ((linkCount[index] ?? 0) === 1 && (neighbour(index, -1) > 0 || neighbour(index, 1) > 0)),
  );
  // The short line that announces such a run (`Weiterführende Links:`, `Related posts:`) goes with it.
  const announces = (index: number) => {
    const block = blocks[index] as Element;
    const text = collapsedText(block).trim();
    if ((index >= first && index <= last) || !/[:：]$/.test(text) || text.length > 80 || textStats(block).links > 0) return false;
    if (options.isProtected(block) || options.holdsProtected(block) || listed.has(index)) return false;
    return taken[index + 1] === true;
  };
  for (let index = blocks.length - 1; index >= 0; index--) if (!taken[index] && announces(index)) taken[index] = true;
  return blocks.filter((_, index) => taken[index]);
}

/** A heading over the works a text draws on: `References`, `Further reading`, `Literatur`, `Références`, `参考文献`. */
const sourcesHeading =
  /^(?:[\d.]+\s+)?(?:references?|sources?|bibliography|further reading|reading list|works cited|literature|literatur|quellen|weiterführende literatur|références|bibliographie|sources et références|pour aller plus loin|referencias|bibliografía|fuentes|riferimenti|bibliografia|fonti|参考文献|参考資料|参考)\s*:?$/i;

/**
 * Blocks after the last prose that sit under the author's own heading for their sources
 * (Org-mode's `4 References` closing a Blogger post): a list of links there is the author's
 * reading list, not a site's. Wikis' `External links` and `See also` stay chrome.
 */
function sourcesSections(blocks: readonly Element[], lastProse: number, options: ChromeOptions): Set<number> {
  const sections: number[][] = [];
  let section: number[] | undefined;
  let rank = 0;
  for (const [index, block] of blocks.entries()) {
    if (index <= lastProse) continue;
    const heading = /^h([1-6])$/.exec(block.tagName);
    if (heading && !(section && Number(heading[1]) > rank)) {
      section = sourcesHeading.test(collapsedText(block).trim()) ? [] : undefined;
      if (section) sections.push(section);
      rank = Number(heading[1]);
    } else section?.push(index);
  }
  // A section that holds the page's notes is a wiki's `References`: a stray list of links there is not the author's.
  const holdsNotes = (indexes: number[]) =>
    indexes.some((index) => options.isProtected(blocks[index] as Element) || options.holdsProtected(blocks[index] as Element));
  return new Set(sections.filter((indexes) => !holdsNotes(indexes)).flat());
}

const embedTags = new Set(['iframe', 'video', 'audio', 'object', 'embed']);

/** A block that only holds an embedded player: no text, a frame or media element. */
function isEmbedOnly(node: Nodes): boolean {
  if (node.type !== 'element' || hasText(node)) return false;
  return embedTags.has(node.tagName) || elementsOf(node).some((inner) => embedTags.has(inner.tagName));
}

/**
 * A heading whose only content is an embedded player, closed off by a rule or the next heading
 * (FiveThirtyEight's video between two `hr`): it names the video, which leaves with its frame.
 */
function embedTitles(content: Root, options: ChromeOptions): Element[] {
  const parents = parentMap(content);
  return elementsOf(content).filter((heading) => {
    if (!/^h[1-6]$/.test(heading.tagName) || options.isProtected(heading)) return false;
    const parent = parents.get(heading);
    if (!parent) return false;
    const after = parent.children.slice(parent.children.indexOf(heading) + 1).filter((node) => node.type === 'element' || hasText(node));
    const embeds = after.findIndex((node) => !isEmbedOnly(node));
    if (embeds === 0) return false;
    const next = embeds < 0 ? undefined : after[embeds];
    return next === undefined || (next.type === 'element' && (next.tagName === 'hr' || /^h[1-6]$/.test(next.tagName)));
  });
}

/**
 * Headings after the article's last prose with nothing under them once chrome is gone: the next
 * block is a heading of the same or a higher rank, the notes, or the end.
 */
function emptySections(content: Root, options: ChromeOptions): Element[] {
  const blocks = topBlocks(content).filter((block) => hasText(block) || selectAll('img', block).length > 0);
  const lastProse = blocks.findLastIndex((block) => isProse(block) && !options.isProtected(block) && !options.holdsProtected(block));
  const rank = (block: Element | undefined) => (block && /^h[1-6]$/.test(block.tagName) ? Number(block.tagName.slice(1)) : undefined);
  return blocks.filter((block, index) => {
    const own = rank(block);
    if (own === undefined || index < lastProse) return false;
    const next = blocks[index + 1];
    const nextRank = rank(next);
    return next === undefined || (nextRank !== undefined && nextRank <= own) || options.isProtected(next) || options.holdsProtected(next);
  });
}

/**
 * The article's blocks in reading order: descends through wrappers that hold other blocks, so a
 * theme's nesting does not hide where the prose starts and ends.
 */
function topBlocks(parent: Parents): Element[] {
  const blocks: Element[] = [];
  for (const child of parent.children) {
    if (child.type !== 'element' || !blockTags.has(child.tagName)) continue;
    const holdsBlocks = isElement(child, 'div', 'section', 'aside', 'header', 'footer') && child.children.some((inner) => isBlock(inner) && hasText(inner));
    if (holdsBlocks && !hasLooseText(child)) blocks.push(...topBlocks(child));
    else blocks.push(child);
  }
  return blocks;
}

function isBlock(node: Nodes): node is Element {
  return node.type === 'element' && blockTags.has(node.tagName);
}

function hasText(node: Nodes): boolean {
  return textStats(node).text > 0;
}

/** Text directly inside a wrapper (not in a child block): the wrapper is itself a block of text. */
function hasLooseText(element: Element): boolean {
  return element.children.some(
    (child) => (child.type === 'text' && child.value.trim() !== '') || (child.type === 'element' && !isBlock(child) && hasText(child)),
  );
}
