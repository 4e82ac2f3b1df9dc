/**
 * WordPress shows an address alone on its line (`https://twitter.com/…/status/…`, a YouTube
 * address), or wrapped in `[embed]…[/embed]`, as an embed of what it points to: a tweet, a video
 * player. The export has only the address. Here it becomes a link in a paragraph of its own, and
 * each is listed so that the importer can say at its line what the site showed there. Code is left
 * as typed; line breaks stay where they were, so places in the result are places in the export.
 */

export interface AutoEmbed {
  /** 1-based line and column of the address in the post's HTML. */
  line: number;
  column: number;
  url: string;
}

const embedShortcode = /\[embed(?:\s[^\]]*)?\]([^[<]*?)\[\/embed\]/gi;
const addressLine = /^([ \t]*)(https?:\/\/[^\s<>"\uE000-\uE003]+)[ \t]*$/gm;
const code = /<(pre|code|script|style|textarea)\b[\s\S]*?<\/\1\s*>|<[^<>]*>/gi;

export function linkAutoEmbeds(html: string): { html: string; embeds: AutoEmbed[] } {
  // `[embed]` only wraps the address: its tags go, the address stays on its line.
  const unwrapped = html.replace(embedShortcode, (match, inner: string) => (/^\s*https?:\/\/\S+\s*$/.test(inner) ? inner : match));
  // Code and tags are set aside (their line breaks kept), so that an address there is never read as an embed.
  const setAside: string[] = [];
  const text = unwrapped.replace(code, (part) => `\uE000${setAside.push(part) - 1}\uE001${'\n'.repeat(newlines(part))}`);
  const embeds: AutoEmbed[] = [];
  const linked = text.replace(addressLine, (_, indent: string, url: string, offset: number) => {
    // Only an address of a site WordPress embeds from is an embed; any other is a link in its line.
    if (!embedsFrom(url)) return `${indent}<a href="${url}">${url}</a>`;
    const before = text.slice(0, offset);
    embeds.push({ line: newlines(before) + 1, column: offset - before.lastIndexOf('\n') + indent.length, url });
    return `${indent}<p><a href="${url}">${url}</a></p>`;
  });
  const restored = linked.replace(/\uE000(\d+)\uE001/g, (_, index: string) => `\uE002${setAside[Number(index)] ?? ''}\uE003`);
  // Each part set aside brings its own line breaks back: the ones that kept its place go.
  return { html: restored.replace(/\uE002([\s\S]*?)\uE003(\n*)/g, (_, part: string, after: string) => part + after.slice(newlines(part))), embeds };
}

function newlines(text: string): number {
  return text.split('\n').length - 1;
}

/**
 * The hosts WordPress's oEmbed list turns an address alone on its line into an embed for (core's
 * `WP_oEmbed` providers, and WordPress.com's own); another site's address stays a link.
 */
const embedHosts =
  /(?:^|\.)(?:youtube\.com|youtu\.be|vimeo\.com|twitter\.com|x\.com|instagram\.com|facebook\.com|flickr\.com|flic\.kr|soundcloud\.com|spotify\.com|tiktok\.com|wordpress\.tv|videopress\.com|slideshare\.net|scribd\.com|issuu\.com|dailymotion\.com|dai\.ly|ted\.com|reddit\.com|tumblr\.com|imgur\.com|mixcloud\.com|kickstarter\.com|kck\.st|speakerdeck\.com|pinterest\.com|amazon\.com|amzn\.to|animoto\.com|cloudup\.com|crowdsignal\.net|polldaddy\.com|reverbnation\.com|screencast\.com|smugmug\.com|wolframcloud\.com|pocketcasts\.com|bsky\.app|giphy\.com)$/i;

function embedsFrom(url: string): boolean {
  try {
    return embedHosts.test(new URL(url).hostname);
  } catch {
    return false;
  }
}
