/**
 * The language of a title, only where the script or the romanisation makes it evident: kana → ja;
 * Chinese characters (without kana) or pinyin tone marks → zh; Tajik letters → tg; Kazakh Cyrillic → kk; other Cyrillic
 * → ru; Russian transliteration → ru, but only for a title the note translates (so English is
 * never mistaken for it).
 */
export function titleLanguage(title: string, translated: boolean): string | undefined {
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(title)) return 'ja';
  if (/[\p{Script=Han}]/u.test(title)) return 'zh';
  if (/[ʙҳӣӯҷ]|[ғқ].*[ӣӯ]/u.test(title)) return 'tg';
  if (/[әңөұүһі]/iu.test(title) && /\p{Script=Cyrillic}/u.test(title)) return 'kk';
  if (/\p{Script=Cyrillic}/u.test(title)) return 'ru';
  if (hasPinyinToneMarks(title)) return 'zh';
  if (translated && looksLikeTransliteratedRussian(title)) return 'ru';
  return undefined;
}

/** Macrons and carons on vowels (acute and grave alone are French, Spanish…). */
function hasPinyinToneMarks(text: string): boolean {
  const marked = text.match(/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/g) ?? [];
  return marked.length >= 2 && /[āǎēěīǐōǒūǔǖǚ]/.test(text);
}

const RUSSIAN_WORD = /(?:zh|kh|shch|ts|[^aeiou\s]y[aeuo]|iy$|yy$|oy$|aya$|ogo$|ego$|ykh$|ikh$|iye$|iya$|ov$|ev$|akh$|’)/;

function looksLikeTransliteratedRussian(title: string): boolean {
  const words = title.toLowerCase().match(/[\p{L}’]{3,}/gu) ?? [];
  const hits = words.filter((word) => RUSSIAN_WORD.test(word)).length;
  return hits >= 2 && hits / words.length >= 0.25;
}
