/**
 * biblatex's `langid` (and its older `hyphenation`) names a language as babel and polyglossia
 * do (`ngerman`, `british`, `latin`); CSL's `language` is a BCP 47 tag (`de`, `en-GB`, `la`).
 * The table is babel's own (latex3/babel @87a7d84, LPPL 1.3c, `locale/`): each name babel loads a
 * locale for (`babel-<name>.tex`, whose `\BabelBeforeIni{…}` names the `.ini` file) with that
 * file's `tag.bcp47`, and each other name an `.ini` file gives in `name.babel` or
 * `name.polyglossia` when only one does (`sorbian` and `gaelic` name two languages: left out).
 */
// biome-ignore format: a table, one line per 140 characters
const babelLanguages: Record<string, string> = {
  abkhazian: 'ab', acadian: 'fr-x-acadian', afar: 'aa', afrikaans: 'af', aghem: 'agq', akan: 'ak', akkadian: 'akk', albanian: 'sq',
  alemannic: 'gsw', algerianarabic: 'arq', alsatian: 'gsw-FR', american: 'en-US', americanenglish: 'en-US', amharic: 'am',
  ancientegyptian: 'egy', ancientgreek: 'grc', ancienthebrew: 'hbo', arabic: 'ar', 'arabic-algeria': 'ar-DZ', 'arabic-dz': 'ar-DZ',
  'arabic-eg': 'ar-EG', 'arabic-egypt': 'ar-EG', 'arabic-iq': 'ar-IQ', 'arabic-iraq': 'ar-IQ', 'arabic-jo': 'ar-JO',
  'arabic-jordan': 'ar-JO', 'arabic-lb': 'ar-LB', 'arabic-lebanon': 'ar-LB', 'arabic-ma': 'ar-MA', 'arabic-morocco': 'ar-MA',
  'arabic-palestinianterritories': 'ar-PS', 'arabic-ps': 'ar-PS', 'arabic-sa': 'ar-SA', 'arabic-saudiarabia': 'ar-SA', 'arabic-sy': 'ar-SY',
  'arabic-syria': 'ar-SY', 'arabic-tn': 'ar-TN', 'arabic-tunisia': 'ar-TN', aramaic: 'arc', 'aramaic-nabataean': 'arc-Nbat',
  'aramaic-nbat': 'arc-Nbat', 'aramaic-palm': 'arc-Palm', 'aramaic-palmyrene': 'arc-Palm', armenian: 'hy', assamese: 'as', asturian: 'ast',
  asu: 'asa', atsam: 'cch', australian: 'en-AU', australianenglish: 'en-AU', austrian: 'de-AT', 'austrian-traditional': 'de-AT-1901',
  austriangerman: 'de-AT', 'austriangerman-traditional': 'de-AT-1901', avestan: 'ae', awadhi: 'awa', aymara: 'ay', azerbaijani: 'az',
  'azerbaijani-cyrillic': 'az-Cyrl', 'azerbaijani-cyrl': 'az-Cyrl', 'azerbaijani-latin': 'az-Latn', 'azerbaijani-latn': 'az-Latn',
  bafia: 'ksf', bahasa: 'id', bahasai: 'id', bahasam: 'ms', balinese: 'ban', baluchi: 'bal', bambara: 'bm', bangla: 'bn', basaa: 'bas',
  bashkir: 'ba', basque: 'eu', bataktoba: 'bbc', bavarian: 'bar', belarusian: 'be', 'belarusian-taraskievica': 'be-tarask', bemba: 'bem',
  bena: 'bez', bengali: 'bn', betawi: 'bew', bhojpuri: 'bho', blin: 'byn', bodo: 'brx', bosnian: 'bs', 'bosnian-cyrillic': 'bs-Cyrl',
  'bosnian-cyrl': 'bs-Cyrl', 'bosnian-latin': 'bs-Latn', 'bosnian-latn': 'bs-Latn', brazil: 'pt-BR', brazilian: 'pt-BR',
  brazilianportuguese: 'pt-BR', breton: 'br', british: 'en-GB', britishenglish: 'en-GB', bulgarian: 'bg', buriat: 'bua', burmese: 'my',
  canadian: 'en-CA', canadianenglish: 'en-CA', canadianfrench: 'fr-CA', canadien: 'fr-CA', cantonese: 'yue', carian: 'xcr', catalan: 'ca',
  cebuano: 'ceb', centralatlastamazight: 'tzm', centralkurdish: 'ckb', 'centralkurdish-latin': 'ckb-Latn', 'centralkurdish-latn': 'ckb-Latn',
  chakma: 'ccp', chechen: 'ce', cherokee: 'chr', chiga: 'cgg', chinese: 'zh', 'chinese-hans': 'zh-Hans', 'chinese-hans-hk': 'zh-Hans-HK',
  'chinese-hans-mo': 'zh-Hans-MO', 'chinese-hans-sg': 'zh-Hans-SG', 'chinese-hant': 'zh-Hant', 'chinese-hant-hk': 'zh-Hant-HK',
  'chinese-hant-mo': 'zh-Hant-MO', 'chinese-simplified': 'zh-Hans', 'chinese-simplified-hongkongsarchina': 'zh-Hans-HK',
  'chinese-simplified-macausarchina': 'zh-Hans-MO', 'chinese-simplified-singapore': 'zh-Hans-SG', 'chinese-traditional': 'zh-Hant',
  'chinese-traditional-hongkongsarchina': 'zh-Hant-HK', 'chinese-traditional-macausarchina': 'zh-Hant-MO', churchslavic: 'cu',
  'churchslavic-cyrs': 'cu-Cyrs', 'churchslavic-glag': 'cu-Glag', 'churchslavic-glagolitic': 'cu-Glag',
  'churchslavic-oldcyrillic': 'cu-Cyrs', churchslavonic: 'cu', chuvash: 'cv', classicallatin: 'la-x-classic', classicalmandaic: 'myz',
  classiclatin: 'la-x-classic', colognian: 'ksh', coptic: 'cop', cornish: 'kw', corsican: 'co', croatian: 'hr', czech: 'cs', danish: 'da',
  divehi: 'dv', dogri: 'doi', duala: 'dua', dutch: 'nl', dzongkha: 'dz', ecclesiasticallatin: 'la-x-ecclesia',
  ecclesiasticlatin: 'la-x-ecclesia', egyptianarabic: 'arz', embu: 'ebu', english: 'en', 'english-au': 'en-AU', 'english-australia': 'en-AU',
  'english-ca': 'en-CA', 'english-canada': 'en-CA', 'english-gb': 'en-GB', 'english-newzealand': 'en-NZ', 'english-nz': 'en-NZ',
  'english-unitedkingdom': 'en-GB', 'english-unitedstates': 'en-US', 'english-us': 'en-US', erzya: 'myv', esperanto: 'eo', estonian: 'et',
  etruscan: 'ett', europeanportuguese: 'pt-PT', ewe: 'ee', ewondo: 'ewo', faroese: 'fo', farsi: 'fa', 'farsi-latin': 'fa-Latn',
  filipino: 'fil', finnish: 'fi', french: 'fr', 'french-be': 'fr-BE', 'french-belgium': 'fr-BE', 'french-ca': 'fr-CA',
  'french-canada': 'fr-CA', 'french-ch': 'fr-CH', 'french-lu': 'fr-LU', 'french-luxembourg': 'fr-LU', 'french-switzerland': 'fr-CH',
  friulan: 'fur', friulian: 'fur', fulah: 'ff', ga: 'gaa', galician: 'gl', ganda: 'lg', geez: 'gez', georgian: 'ka', german: 'de',
  'german-at': 'de-AT', 'german-at-1901': 'de-AT-1901', 'german-at-traditional': 'de-AT-1901', 'german-austria': 'de-AT',
  'german-austria-1901': 'de-AT-1901', 'german-austria-traditional': 'de-AT-1901', 'german-ch': 'de-CH', 'german-ch-1901': 'de-CH-1901',
  'german-ch-traditional': 'de-CH-1901', 'german-de': 'de-DE', 'german-de-1901': 'de-DE-1901', 'german-de-traditional': 'de-DE-1901',
  'german-germany': 'de-DE', 'german-germany-1901': 'de-DE-1901', 'german-germany-traditional': 'de-DE-1901', 'german-switzerland': 'de-CH',
  'german-switzerland-1901': 'de-CH-1901', 'german-switzerland-traditional': 'de-CH-1901', 'german-traditional': 'de-1901',
  germanb: 'de-1901', gothic: 'got', greek: 'el', guarani: 'gn', gujarati: 'gu', gusii: 'guz', haryanvi: 'bgc', hausa: 'ha',
  'hausa-gh': 'ha-GH', 'hausa-ghana': 'ha-GH', 'hausa-ne': 'ha-NE', 'hausa-niger': 'ha-NE', hawaiian: 'haw', hebrew: 'he', hindi: 'hi',
  hmongnjua: 'hnj', hungarian: 'hu', icelandic: 'is', igbo: 'ig', inarisami: 'smn', indon: 'id', indonesian: 'id', ingush: 'inh',
  interlingua: 'ia', interslavic: 'isv', inuktitut: 'iu', irish: 'ga', italian: 'it', japanese: 'ja', javanese: 'jv', jju: 'kaj',
  jolafonyi: 'dyo', kabuverdianu: 'kea', kabyle: 'kab', kaingang: 'kgp', kako: 'kkj', kalaallisut: 'kl', kalenjin: 'kln', kamba: 'kam',
  kangri: 'xnr', kannada: 'kn', kashmiri: 'ks', kazakh: 'kk', khmer: 'km', kikuyu: 'ki', kinyarwanda: 'rw', komi: 'kv', konkani: 'kok',
  korean: 'ko', 'korean-han': 'ko', 'korean-hani': 'ko', koyraborosenni: 'ses', koyrachiini: 'khq', kurdish: 'ku', 'kurdish-arab': 'ku-Arab',
  'kurdish-arabic': 'ku-Arab', kurmanji: 'ku', kwasio: 'nmg', kyrgyz: 'ky', ladino: 'lad', lakota: 'lkt', langi: 'lag', lao: 'lo',
  latin: 'la', latvian: 'lv', lepcha: 'lep', ligurian: 'lij', limbu: 'lif', 'limbu-limb': 'lif-Limb', 'limbu-limbu': 'lif-Limb',
  lineara: 'lab', lingala: 'ln', lithuanian: 'lt', lombard: 'lmo', lowersorbian: 'dsb', lowgerman: 'nds', lsorbian: 'dsb', lu: 'khb',
  lubakatanga: 'lu', luo: 'luo', luxembourgish: 'lb', luyia: 'luy', lycian: 'xlc', lydian: 'xld', macedonian: 'mk', machame: 'jmc',
  magyar: 'hu', maithili: 'mai', makasar: 'mak', 'makasar-bugi': 'mak-Bugi', 'makasar-buginese': 'mak-Bugi', makhuwa: 'vmw',
  makhuwameetto: 'mgh', makonde: 'kde', malagasy: 'mg', malay: 'ms', 'malay-bn': 'ms-BN', 'malay-brunei': 'ms-BN', 'malay-sg': 'ms-SG',
  'malay-singapore': 'ms-SG', malayalam: 'ml', maltese: 'mt', manipuri: 'mni', manx: 'gv', maori: 'mi', marathi: 'mr', masai: 'mas',
  mazanderani: 'mzn', medievallatin: 'la-x-medieval', melayu: 'ms', meru: 'mer', meta: 'mgo', mexican: 'es-MX', mexicanspanish: 'es-MX',
  moldavian: 'ro-MD', mongolian: 'mn', monotonicgreek: 'el', morisyen: 'mfe', mundang: 'mua', muscogee: 'mus', nama: 'naq',
  naustrian: 'de-AT', navajo: 'nv', nepali: 'ne', newari: 'new', newzealand: 'en-NZ', ngerman: 'de', ngermanb: 'de', ngiemboon: 'nnh',
  ngomba: 'jgo', nheengatu: 'yrl', nigerianpidgin: 'pcm', nil: 'und', nko: 'nqo', norsk: 'no', northernfrisian: 'frr', northernkurdish: 'ku',
  'northernkurdish-arab': 'ku-Arab', 'northernkurdish-arabic': 'ku-Arab', northernluri: 'lrc', northernsami: 'se', northernsotho: 'nso',
  northndebele: 'nd', norwegian: 'no', norwegianbokmal: 'nb', norwegiannynorsk: 'nn', nswissgerman: 'de-CH', nuer: 'nus', nyanja: 'ny',
  nyankole: 'nyn', nynorsk: 'nn', occitan: 'oc', odia: 'or', oldirish: 'sga', oldnorse: 'non', oldpersian: 'peo', olduighur: 'oui',
  oriya: 'or', oromo: 'om', osage: 'osa', ossetic: 'os', papiamento: 'pap', pashto: 'ps', persian: 'fa', 'persian-latin': 'fa-Latn',
  phoenician: 'phn', piedmontese: 'pms', polish: 'pl', polutonikogreek: 'el-polyton', polytonicgreek: 'el-polyton', portuges: 'pt',
  portuguese: 'pt', 'portuguese-br': 'pt-BR', 'portuguese-brazil': 'pt-BR', 'portuguese-portugal': 'pt-PT', 'portuguese-pt': 'pt-PT',
  prussian: 'prg', punjabi: 'pa', 'punjabi-arab': 'pa-Arab', 'punjabi-arabic': 'pa-Arab', 'punjabi-gurmukhi': 'pa-Guru',
  'punjabi-guru': 'pa-Guru', quechua: 'qu', rajasthani: 'raj', romanian: 'ro', 'romanian-md': 'ro-MD', 'romanian-moldova': 'ro-MD',
  romansh: 'rm', rombo: 'rof', rundi: 'rn', russian: 'ru', russianb: 'ru', rwa: 'rwk', sabaean: 'xsa', saho: 'ssy', sakha: 'sah',
  samaritan: 'smp', samburu: 'saq', sami: 'se', samin: 'se', sango: 'sg', sangu: 'sbp', sanskrit: 'sa', 'sanskrit-bangla': 'sa-Beng',
  'sanskrit-beng': 'sa-Beng', 'sanskrit-bengali': 'sa-Beng', 'sanskrit-deva': 'sa-Deva', 'sanskrit-devanagari': 'sa-Deva',
  'sanskrit-gujarati': 'sa-Gujr', 'sanskrit-gujr': 'sa-Gujr', 'sanskrit-kannada': 'sa-Knda', 'sanskrit-knda': 'sa-Knda',
  'sanskrit-malayalam': 'sa-Mlym', 'sanskrit-mlym': 'sa-Mlym', 'sanskrit-telu': 'sa-Telu', 'sanskrit-telugu': 'sa-Telu', santali: 'sat',
  saraiki: 'skr', sardinian: 'sc', scottish: 'gd', scottishgaelic: 'gd', sena: 'seh', serbian: 'sr', 'serbian-cyrillic': 'sr-Cyrl',
  'serbian-cyrillic-bosniaherzegovina': 'sr-Cyrl-BA', 'serbian-cyrillic-kosovo': 'sr-Cyrl-XK', 'serbian-cyrillic-montenegro': 'sr-Cyrl-ME',
  'serbian-cyrl': 'sr-Cyrl', 'serbian-cyrl-ba': 'sr-Cyrl-BA', 'serbian-cyrl-me': 'sr-Cyrl-ME', 'serbian-cyrl-xk': 'sr-Cyrl-XK',
  'serbian-ijekavsk': 'sr-ijekavsk', 'serbian-latin': 'sr-Latn', 'serbian-latin-bosniaherzegovina': 'sr-Latn-BA',
  'serbian-latin-ijekavsk': 'sr-Latn-ijekavsk', 'serbian-latin-kosovo': 'sr-Latn-XK', 'serbian-latin-montenegro': 'sr-Latn-ME',
  'serbian-latn': 'sr-Latn', 'serbian-latn-ba': 'sr-Latn-BA', 'serbian-latn-ijekavsk': 'sr-Latn-ijekavsk', 'serbian-latn-me': 'sr-Latn-ME',
  'serbian-latn-xk': 'sr-Latn-XK', 'serbian.ijekav': 'sr-Latn-ijekavsk', serbianc: 'sr', 'serbianc.ijekav': 'sr-ijekavsk', shambala: 'ksb',
  shona: 'sn', sichuanyi: 'ii', sicilian: 'scn', silesian: 'szl', sindhi: 'sd', 'sindhi-deva': 'sd-Deva', 'sindhi-devanagari': 'sd-Deva',
  'sindhi-khoj': 'sd-Khoj', 'sindhi-khojki': 'sd-Khoj', 'sindhi-khudawadi': 'sd-Sind', 'sindhi-sind': 'sd-Sind', sinhala: 'si',
  sinteromani: 'rmo', slovak: 'sk', slovene: 'sl', slovenian: 'sl', soga: 'xog', somali: 'so', sorani: 'ckb', southernaltai: 'alt',
  southernsotho: 'st', southndebele: 'nr', spanish: 'es', 'spanish-mexico': 'es-MX', 'spanish-mx': 'es-MX', standardmoroccantamazight: 'zgh',
  sundanese: 'su', swahili: 'sw', swati: 'ss', swedish: 'sv', swissfrench: 'fr-CH', swissgerman: 'gsw', swisshighgerman: 'de-CH',
  'swisshighgerman-traditional': 'de-CH-1901', syriac: 'syr', tachelhit: 'shi', 'tachelhit-latin': 'shi-Latn', 'tachelhit-latn': 'shi-Latn',
  'tachelhit-tfng': 'shi-Tfng', 'tachelhit-tifinagh': 'shi-Tfng', tainua: 'tdd', taita: 'dav', tajik: 'tg', tamil: 'ta', tangut: 'txg',
  taroko: 'trv', tasawaq: 'twq', tatar: 'tt', telugu: 'te', teso: 'teo', thai: 'th', tibetan: 'bo', tigre: 'tig', tigrinya: 'ti',
  tokpisin: 'tpi', tongan: 'to', tsonga: 'ts', tswana: 'tn', turkish: 'tr', turkmen: 'tk', tyap: 'kcg', ugaritic: 'uga', ukenglish: 'en-GB',
  UKenglish: 'en-GB', ukraineb: 'uk', ukrainian: 'uk', uppersorbian: 'hsb', urdu: 'ur', usenglish: 'en-US', USenglish: 'en-US',
  usorbian: 'hsb', uyghur: 'ug', uzbek: 'uz', 'uzbek-arab': 'uz-Arab', 'uzbek-arabic': 'uz-Arab', 'uzbek-cyrillic': 'uz-Cyrl',
  'uzbek-cyrl': 'uz-Cyrl', 'uzbek-latin': 'uz-Latn', 'uzbek-latn': 'uz-Latn', vai: 'vai', 'vai-latin': 'vai-Latn', 'vai-latn': 'vai-Latn',
  'vai-vai': 'vai-Vaii', 'vai-vaii': 'vai-Vaii', venda: 've', venetian: 'vec', vietnam: 'vi', vietnamese: 'vi', volapuk: 'vo', vunjo: 'vun',
  walser: 'wae', waray: 'war', welsh: 'cy', westernfrisian: 'fy', wolaytta: 'wal', wolof: 'wo', xhosa: 'xh', yangben: 'yav', yiddish: 'yi',
  yoruba: 'yo', zarma: 'dje', zhuang: 'za', zulu: 'zu',
};

/** `langid = {english}` with `langidopts = {variant=british}`: the variants Pandoc reads (its BibTeX reader), as babel names. */
const englishVariants: Record<string, string> = {
  american: 'american',
  us: 'american',
  usmax: 'american',
  british: 'british',
  uk: 'british',
  australian: 'australian',
  newzealand: 'newzealand',
};

const babelByLowerCase = new Map(Object.entries(babelLanguages).map(([name, tag]) => [name.toLowerCase(), tag]));
// Made when first asked: ICU's display names cost ~8 ms of every start, and most commands read no BibTeX.
let languageNames: Intl.DisplayNames | undefined;

/**
 * The BCP 47 tag for a language as biblatex names it: a babel or polyglossia name (`ngerman` →
 * `de`), `english` with its variant (`langidopts = {variant=british}` → `en-GB`), or a tag already
 * (`en-GB`, `frm`), in its canonical form (`en-UK` → `en-GB`) when it names a language ICU knows.
 * Undefined when it is none of these (`anglais`, `DT`): a wrong language would be worse than none.
 */
export function biblatexLanguageTag(value: string, options = ''): string | undefined {
  const name = value.trim();
  const variant = /(?:^|,)\s*variant\s*=\s*([A-Za-z]+)/.exec(options)?.[1]?.toLowerCase();
  const named = name.toLowerCase() === 'english' && variant && englishVariants[variant] ? englishVariants[variant] : name;
  const babel = babelByLowerCase.get(named.toLowerCase());
  if (babel) return babel;
  if (!/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(name)) return undefined;
  let tag: string | undefined;
  try {
    tag = Intl.getCanonicalLocales(name.replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
  languageNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  return tag && languageNames.of(tag) !== undefined ? tag : undefined;
}
