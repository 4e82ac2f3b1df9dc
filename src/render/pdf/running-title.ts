/**
 * A chapter title short enough for a running head. A title that fits is kept whole; a long one is
 * cut before its subtitle when the main title fits, else at the last word boundary before
 * `maxLength` characters, with an ellipsis.
 */
export function runningTitle(title: string, maxLength = 45): string {
  const whole = title.replace(/\s+/g, ' ').trim();
  if (whole.length <= maxLength) return whole;
  const beforeSubtitle = /^(.{12,}?)[:;–—]\s/.exec(whole)?.[1]?.trim();
  if (beforeSubtitle && beforeSubtitle.length <= maxLength) return beforeSubtitle;
  const cut = whole.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  const words = lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut;
  return `${words.replace(/[\s,;:.–—-]+$/, '')}…`;
}
