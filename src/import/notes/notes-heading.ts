import { byText } from '../../core/text-memo.ts';

/**
 * What a heading over a list of hand-typed notes says, in the languages posts are commonly written
 * in. `notes` headings announce notes: what follows is notes even if no marker is found. Under a
 * `references` heading the same list is as often a bibliography: it is notes only when the text
 * carries markers for it.
 */
export type NotesHeadingKind = 'notes' | 'references';

const notesWords = [
  // English
  'notes',
  'note',
  'endnotes',
  'endnote',
  'end notes',
  'footnotes',
  'footnote',
  'foot notes',
  "author's notes",
  'author’s notes',
  'notes and references',
  'notes & references',
  'notes and sources',
  'notes & sources',
  'references and notes',
  'references & notes',
  'sources and notes',
  'sources & notes',
  'notes and citations',
  'references and footnotes',
  'references & footnotes',
  'footnotes and references',
  'footnotes & references',
  'sources and footnotes',
  // German, Dutch, Scandinavian
  'anmerkungen',
  'anmerkung',
  'fußnoten',
  'fussnoten',
  'endnoten',
  'anmerkungen und quellen',
  'noten',
  'voetnoten',
  'eindnoten',
  'noter',
  'fotnoter',
  'fodnoter',
  'slutnoter',
  // Romance languages
  'notas',
  'notas y referencias',
  'notas e referências',
  'notas al pie',
  'notas de rodapé',
  'notes et références',
  'notes de bas de page',
  'note',
  'note e riferimenti',
  'note a piè di pagina',
  'notă',
  'note de subsol',
  // Slavic, Baltic, Finnish, Hungarian, Greek, Turkish
  'примечания',
  'примечание',
  'сноски',
  'примітки',
  'виноски',
  'бележки',
  'napomene',
  'напомене',
  'przypisy',
  'poznámky',
  'poznámky pod čiarou',
  'opombe',
  'pastabos',
  'piezīmes',
  'viitteet',
  'huomautukset',
  'jegyzetek',
  'lábjegyzetek',
  'σημειώσεις',
  'notlar',
  'dipnotlar',
  // Other scripts
  '注释',
  '注釋',
  '註釋',
  '注',
  '註',
  '注解',
  '脚注',
  '腳注',
  '尾注',
  '附注',
  '각주',
  '주석',
  '미주',
  'ملاحظات',
  'هوامش',
  'الهوامش',
  'הערות',
  'הערות שוליים',
  'یادداشت‌ها',
  'پانویس',
  'पाद टिप्पणी',
  'टिप्पणियाँ',
];

const referencesWords = [
  'references',
  'reference',
  'sources',
  'source',
  'citations',
  'works cited',
  'bibliography',
  'further reading',
  'literature',
  'quellen',
  'quellenangaben',
  'literatur',
  'einzelnachweise',
  'belege',
  'bronnen',
  'referenties',
  'literatuur',
  'källor',
  'referenser',
  'kilder',
  'références',
  'bibliographie',
  'referencias',
  'fuentes',
  'bibliografía',
  'referências',
  'fontes',
  'bibliografia',
  'riferimenti',
  'fonti',
  'referințe',
  'surse',
  'источники',
  'литература',
  'ссылки',
  'список литературы',
  'джерела',
  'література',
  'посилання',
  'źródła',
  'zdroje',
  'literatura',
  'odkazy',
  'lähteet',
  'források',
  'irodalom',
  'παραπομπές',
  'βιβλιογραφία',
  'kaynaklar',
  'kaynakça',
  '参考文献',
  '參考文獻',
  '参考资料',
  '參考資料',
  '参考',
  '引用',
  '出典',
  '참고문헌',
  '참고 문헌',
  '참고 자료',
  '출처',
  'المراجع',
  'مراجع',
  'المصادر',
  'מקורות',
  'منابع',
];

const kinds = new Map<string, NotesHeadingKind>([
  ...referencesWords.map((word) => [word, 'references'] as const),
  ...notesWords.map((word) => [word, 'notes'] as const),
]);

/** The kind of notes heading `text` is (`Notes`, `**References:**`, `## Anmerkungen`), or undefined for any other text. */
export const notesHeadingKind = byText((text: string): NotesHeadingKind | undefined => {
  const normal = withoutDecoration(
    text
      .normalize('NFC')
      .replace(/[\s\u00a0]+/g, ' ')
      .trim(),
  )
    .replace(/\s*[:.：。]$/u, '')
    .toLowerCase();
  if (normal.length > 40) return undefined;
  return kinds.get(normal);
});

const isDecoration = (char: string) => char === '*' || char === '_' || char === '#' || char === '=' || /\s/.test(char);

/**
 * The heading without the bold, rules and hashes around it (`**Notes**`, `## Notes ##`). Read from
 * both ends: `/[*_#=\s]+$/` tries every star of a run that does not end the line, the square of
 * its length (a line of 64,000 stars took 33 s).
 */
function withoutDecoration(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isDecoration(text[start] as string)) start++;
  while (end > start && isDecoration(text[end - 1] as string)) end--;
  return text.slice(start, end);
}
