import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import type { CslDate, CslItemData } from '../../../src/cite/csl.ts';
import { CONFIDENCE_THRESHOLD, type NoteKind, type ParsedNote, parseNote } from '../../../src/cite/parse-note.ts';
import { pieceToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../src/import/import.ts';
import { repoRoot, seedPath } from '../../helpers/project.ts';

const goldenPath = path.join(repoRoot, 'tests/fixtures/cite/paving-the-digital-silk-road-notes.json');

/**
 * The essay's notes as typed, `[^n]: text`: imported afresh from the seed archive, since the
 * committed chapter now cites by key.
 */
function seedNotes(): Map<number, string> {
  const file = new VFile({ path: 'sources/seed.txt', value: readFileSync(seedPath, 'utf8') });
  const essay = importSource(file, { defaultAuthor: undefined }).chapters[0];
  assert.ok(essay, 'the seed imports');
  const markdown = pieceToMarkdown(essay.piece);
  return new Map([...markdown.matchAll(/^\[\^(\d+)\]: (.*)$/gm)].map((match) => [Number(match[1]), match[2]!]));
}

const notes = seedNotes();
const parsed = new Map([...notes].map(([number, text]) => [number, parseNote(text)]));

function note(number: number): ParsedNote {
  const result = parsed.get(number);
  assert.ok(result, `note ${number} exists`);
  return result;
}

function date(...parts: [number] | [number, number] | [number, number, number]): CslDate {
  return { 'date-parts': [parts] };
}

/** Expected item fields; `undefined` means the field must be absent. */
type ItemFields = { [K in keyof CslItemData]?: CslItemData[K] | undefined };

/** Asserts the listed fields only. */
function assertFields(actual: CslItemData | undefined, expected: ItemFields, label: string): void {
  assert.ok(actual, `${label}: an item`);
  for (const [key, value] of Object.entries(expected)) {
    assert.deepEqual(actual[key as keyof CslItemData], value, `${label}: ${key}`);
  }
}

const ACCESSED_2022 = date(2022, 8, 14);

/**
 * Cases the labeller reads wrong today, each with why: they run and are reported as to-do (a
 * fix shows up as a passing to-do), and the bench (bench/notes.ts) measures the whole class.
 */
const TYPE_HABIT =
  'the rule parser’s item type for this (speech at an event, treaty, legislation, dataset, interview) came from word lists; the labels have no event or treaty field';
const misses: Record<string, string> = {
  'gives every source an author or organisation and a title, and the date, URL and access date the note has':
    'note 52 (the organisation before the title is not read as the author) and 25.2 (the interview’s interviewee)',
  'note 3, item 1: type, author, genre, event-title, event-place, issued, accessed': TYPE_HABIT,
  'note 25, item 2: type, author, interviewer, event-place, issued, title': TYPE_HABIT,
  'note 37, item 1: type, author, interviewer, issued': TYPE_HABIT,
  'note 8, item 1: type, author, container-title, title':
    'the model runs the container into the author (`UN Security Council, United Nations sanctions list`): the name is kept, the container lost',
  'note 14, item 1: type, author, publisher, collection-title, number, page, issued':
    'publisher and series are left out as uncertain (by design: a missing detail is better than a wrong one)',
  'note 39, item 1: type, author, publisher, collection-title, number, issued': 'publisher and series are left out as uncertain (by design)',
  'keeps commentary as prefix in discursive notes and finds nothing in commentary':
    'note 52’s commentary ends where the model starts the citation, a word late',
  'flags commentary that quotes a title but cites nothing': 'a quoted phrase in prose is read as a title (the prose rule needs eight unquoted words)',
  'Chicago report in a numbered series': 'misread: the series and its number after the title',
  'Chicago particle and suffix in names': 'misread: the second citation after “;” (an unquoted, unitalicised layout)',
  'Chicago author-date in brackets': 'author-date citations in notes are rare in the training data',
  'several citations with signals': 'the model reads “John” after “see also” as commentary (the name is left half in the prefix)',
  'published interview': TYPE_HABIT,
  'Chicago unpublished interview': TYPE_HABIT,
};

describe('parseNote on the seed chapter’s 89 notes', () => {
  it('reads all 89 notes from the chapter', () => {
    assert.equal(notes.size, 89);
    assert.deepEqual(
      [...notes.keys()],
      Array.from({ length: 89 }, (_, index) => index + 1),
    );
  });

  it('reads the notes that cite several works as several citations, and finds none in commentary', () => {
    const counts: Record<number, number> = { 24: 2, 25: 2, 38: 3, 69: 2, 34: 0, 71: 0 };
    for (const [number, count] of Object.entries(counts)) assert.equal(note(Number(number)).citations.length, count, `note ${number}`);
    assert.equal(note(34).kind, 'commentary');
    assert.equal(note(71).kind, 'cross-reference');
    for (const number of [26, 57, 58, 77]) assert.equal(note(number).kind, 'short', `note ${number}`);
  });

  it('finds a citation in at least 85 of the 89 notes', () => {
    const citing = [...parsed.values()].filter((result) => result.citations.length > 0 || result.kind === 'cross-reference');
    assert.ok(citing.length >= 85, `${citing.length} notes cite something`);
  });

  it('gives every source an author or organisation and a title, and the date, URL and access date the note has', {
    todo: misses['gives every source an author or organisation and a title, and the date, URL and access date the note has'],
  }, () => {
    const titleless = new Set([47, 60, 87]);
    // Note 7 names no author: “Selected works of Jiang Zemin” is the container, and an author read from it would be a guess.
    const authorless = new Set([7]);
    const wrong: string[] = [];
    for (const [number, result] of parsed) {
      for (const [index, citation] of result.citations.entries()) {
        const { item } = citation;
        const label = `note ${number}.${index + 1}`;
        const source = notes.get(number)!.slice(citation.source.start, citation.source.end);
        const names = item.author ?? item.editor ?? [];
        if (item.type === 'interview') {
          if (names.length === 0 || item.interviewer === undefined) wrong.push(`${label}: interview without interviewee or interviewer`);
        } else if (!titleless.has(number)) {
          if (names.length === 0 && !authorless.has(number)) wrong.push(`${label}: no author or organisation`);
          // The outer quotes and Markdown escapes are gone; inner quotes (note 51) stay.
          if (!item.title || /^‘|’$|\\/.test(item.title)) wrong.push(`${label}: title ${item.title}`);
        }
        const withoutAccess = source.replace(/<[^>]*>|accessed \d+ \w+ \d{4}/g, '');
        if (/\b(?:1[89]|20)\d\d\b/.test(withoutAccess) !== (item.issued !== undefined)) wrong.push(`${label}: issued ${JSON.stringify(item.issued)}`);
        const url = /<+(https?:[^>]+)>/.exec(source)?.[1];
        if (url !== item.URL) wrong.push(`${label}: URL ${item.URL} for ${url}`);
        if (/accessed/.test(source) !== (item.accessed !== undefined)) wrong.push(`${label}: accessed`);
        if (/accessed 14 August 2022/.test(source)) assert.deepEqual(item.accessed, ACCESSED_2022, label);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('keeps each citation’s offsets, prefix and suffix consistent with the note text', () => {
    for (const [number, result] of parsed) {
      const text = notes.get(number)!;
      assert.equal(result.text, text);
      for (const citation of result.citations) {
        const { start, end } = citation.source;
        assert.ok(start >= 0 && start < end && end <= text.length, `note ${number}: offsets ${start}–${end}`);
        if (citation.prefix) assert.equal(text.slice(start - citation.prefix.length, start), citation.prefix, `note ${number}: prefix`);
        if (citation.suffix) assert.equal(text.slice(end, end + citation.suffix.length), citation.suffix, `note ${number}: suffix`);
        assert.ok(citation.confidence > 0 && citation.confidence <= 1);
      }
    }
  });

  it('keeps distinct works distinct and the same work identical (41 and 45)', () => {
    const byUrl = new Map<string, string>();
    const byWork = new Map<string, string>();
    for (const result of parsed.values()) {
      for (const { item } of result.citations) {
        if (!item.URL || !item.title) continue;
        const work = JSON.stringify([item.author, item.title]);
        assert.equal(byUrl.get(item.URL) ?? work, work, `one work at ${item.URL}`);
        assert.equal(byWork.get(work) ?? item.URL, item.URL, `one URL for ${item.title}`);
        byUrl.set(item.URL, work);
        byWork.set(work, item.URL);
      }
    }
    assert.deepEqual(note(45).citations[0]!.item, note(41).citations[0]!.item);
    assert.notDeepEqual(note(32).citations[0]!.item, note(31).citations[0]!.item);
    assert.notDeepEqual(note(69).citations[0]!.item, note(68).citations[0]!.item);
  });

  const seedItems: [number, number, ItemFields][] = [
    [
      1,
      0,
      {
        type: 'webpage',
        author: [{ literal: 'People’s Republic of China Ministry of Foreign Affairs' }],
        title: 'Zhōng, é, hā, jí, tǎ wǔ guó huìwù [China, Russia, Kazakhstan, Kyrgyzstan, Tajikistan Five Country Meeting]',
        'title-short': 'Zhōng, é, hā, jí, tǎ wǔ guó huìwù',
        custom: { 'translated-title': 'China, Russia, Kazakhstan, Kyrgyzstan, Tajikistan Five Country Meeting' },
        language: 'zh',
        issued: date(2000, 11, 11),
        URL: 'https://www.mfa.gov.cn/ce/cohk//chn/topic/zgwj/wjlshk/t8984.htm',
        accessed: ACCESSED_2022,
      },
    ],
    [2, 0, { type: 'article-newspaper', author: [{ literal: 'UPI Archives' }], issued: date(1994, 4, 27) }],
    [
      3,
      0,
      {
        type: 'speech',
        author: [{ literal: 'Xi Jinping' }],
        genre: 'speech',
        'event-title': 'Nazarbayev University',
        'event-place': 'Astana',
        issued: date(2013, 9, 7),
        accessed: date(2022, 9, 12),
      },
    ],
    [4, 0, { author: [{ literal: 'People’s Republic of China' }], language: 'zh', issued: date(1996, 4, 26) }],
    [
      5,
      0,
      {
        type: 'article-newspaper',
        author: [{ family: 'Irwin', given: 'Peter' }],
        title: 'Remembering the Ghulja Incident: 20th Anniversary of “Uyghur Tiananmen” Passes With Little Notice',
        'container-title': 'The Diplomat',
        issued: date(2017, 3, 2),
      },
    ],
    // No author: the note names none (“Selected works of Jiang Zemin” is the container, not a byline).
    [7, 0, { author: undefined, 'container-title': 'Selected works of Jiang Zemin', volume: '2', issued: date(1999, 6, 17) }],
    [
      8,
      0,
      {
        type: 'webpage',
        author: [{ literal: 'UN Security Council' }],
        'container-title': 'United Nations sanctions list',
        title: 'Islamic Movement of Uzbekistan',
      },
    ],
    [10, 0, { language: 'zh', issued: date(2001, 6, 22) }],
    [
      14,
      0,
      {
        type: 'report',
        author: [{ family: 'Kassenova', given: 'Nargis' }],
        publisher: 'IFRI',
        'collection-title': 'Russie Nei Reports',
        number: '14',
        page: '3–29',
        issued: date(2012, 11),
      },
    ],
    [18, 0, { type: 'article-newspaper', author: [{ literal: 'Radio Free Europe/Radio Liberty' }], title: 'The Wait Goes On At Kashagan' }],
    [19, 0, { author: [{ literal: 'Republic of Kazakhstan' }], language: 'ru', issued: date(2018, 4, 6) }],
    [
      20,
      0,
      { type: 'article-newspaper', author: [{ family: 'Baigin', given: 'Shamil' }], 'container-title': 'Reuters', issued: date(2007, 4, 30), URL: undefined },
    ],
    [
      21,
      0,
      {
        type: 'article-journal',
        author: [
          { family: 'Pantucci', given: 'Raffaello' },
          { family: 'Petersen', given: 'Alexandros' },
        ],
        'container-title': 'China Brief',
        volume: '12',
        issue: '14',
        issued: date(2012, 7),
      },
    ],
    [22, 0, { language: 'ru', custom: { 'translated-title': 'E. Omuraliev: Kyrgyzstan Should Join the Customs Union' } }],
    [23, 0, { language: 'tg', 'title-short': 'Afzoişi toçironi cinoī dar ʙozorhoi Duşanʙe' }],
    [
      24,
      0,
      {
        type: 'article-newspaper',
        author: [{ literal: 'CGTN' }],
        title: 'SCO Development Bank: Prospects of the SCO Development Bank',
        issued: date(2018, 6, 6),
      },
    ],
    [
      24,
      1,
      {
        type: 'article-newspaper',
        author: [{ literal: 'Xinhua' }],
        issued: date(2020, 12, 1),
        URL: 'http://www.xinhuanet.com/english/2020-12/01/c_139555549.htm',
      },
    ],
    [
      25,
      0,
      { type: 'webpage', author: [{ literal: 'Shanghai Cooperation Organisation (SCO)' }], title: 'SCO Promotes Transport Links', issued: date(2017, 7) },
    ],
    [
      25,
      1,
      {
        type: 'interview',
        author: [{ literal: 'logistics experts' }],
        interviewer: [{ literal: 'the author' }],
        'event-place': 'Osh, Kyrgyzstan',
        issued: date(2019),
        title: undefined,
      },
    ],
    [26, 0, { author: [{ literal: 'SCO' }], title: 'SCO Promotes Transport Links', issued: undefined }],
    [37, 0, { type: 'interview', author: [{ literal: 'RATS' }], interviewer: [{ literal: 'the author' }], issued: date(2012) }],
    [38, 0, { author: [{ literal: 'Xinhua' }], 'title-short': 'Shàng hé zǔzhī shǒucì yǎnliàn wǎngluò fǎnkǒng', issued: date(2015, 10, 15) }],
    [38, 1, { author: [{ literal: 'CCTV' }], custom: { 'translated-title': 'SCO “Xiamen-2017” Cyber Anti-Terrorism Exercise Held Today' } }],
    [38, 2, { author: [{ literal: 'Xinhua' }], issued: date(2019, 12, 12), URL: 'http://www.xinhuanet.com/mil/2019-12/12/c_1125340396.htm' }],
    [
      39,
      0,
      {
        type: 'report',
        author: [{ family: 'Erokhin', given: 'Dmitry' }],
        publisher: 'OSCE and NUPI',
        'collection-title': 'Policy Briefs',
        number: '63',
        issued: date(2020, 9),
      },
    ],
    [43, 0, { type: 'article-journal', 'container-title': 'China Perspectives', volume: '3', page: '34–49', issued: date(2008, 7) }],
    [46, 0, { author: [{ literal: 'StatCounter' }], title: 'Mobile Vendor Market Share Kyrgyzstan', issued: date(2021, 2) }],
    [47, 0, { author: [{ literal: 'StatCounter' }], URL: 'https://gs.statcounter.com/', title: undefined }],
    [50, 0, { author: [{ literal: 'Yau Tsz Yan' }], 'container-title': 'The Diplomat' }],
    [62, 0, { author: [{ literal: 'qdcaijing.com' }], language: 'zh' }],
    [68, 0, { title: 'Tǎjíkè sītǎn [Tajikistan]', issued: undefined }],
    [69, 0, { author: [{ family: 'Huawei' }], title: 'Tǔkùmàn sītǎn [Turkmenistan]' }],
    [69, 1, { author: [{ family: 'Huawei' }], title: 'Wūzībiékè sītǎn [Uzbekistan]' }],
    // No publisher: the note names none (the series is not its publisher).
    [74, 0, { type: 'report', 'collection-title': 'Central Asia Program Paper', number: '232', publisher: undefined, issued: date(2020, 6, 19) }],
    [78, 0, { author: [{ literal: 'Republic of Kazakhstan Presidential Palace' }], language: 'ru', issued: date(2020, 3, 4), URL: undefined }],
    [
      82,
      0,
      {
        type: 'article-newspaper',
        author: [
          { family: 'Yang', given: 'Jing' },
          { family: 'Ng', given: 'Serena' },
        ],
        'container-title': 'Wall Street Journal',
      },
    ],
    [83, 0, { author: [{ literal: 'Ji Tianqin' }, { literal: 'Han Wei' }], 'container-title': 'Caixin', issued: date(2018, 3, 1) }],
  ];
  for (const [number, index, expected] of seedItems) {
    const name = `note ${number}, item ${index + 1}: ${Object.keys(expected).join(', ')}`;
    it(name, misses[name] ? { todo: misses[name] } : {}, () => {
      assertFields(note(number).citations[index]?.item, expected, `note ${number}.${index + 1}`);
    });
  }

  it('reads short forms as author and title (26, 57, 77 with its missing closing quote)', () => {
    assert.deepEqual(note(26).shortForm, { author: 'SCO', title: 'SCO Promotes Transport Links' });
    assert.deepEqual(note(57).shortForm, { author: 'Erokhin', title: 'Comparative Analysis of Digital Development in Central Asian Countries' });
    assert.deepEqual(note(77).shortForm, { author: 'Raffaello Pantucci', title: 'Beijing Binds: COVID-19 and the China-Central Asia Relationship' });
    assert.ok(note(77).confidence < 1, 'the unclosed quote lowers confidence');
    assert.deepEqual(note(58).shortForm?.author, 'People’s Daily');
  });

  it('reads note 71 as a cross-reference to note 41', () => {
    assert.equal(note(71).crossReference, 41);
    assert.deepEqual(note(71).citations, []);
  });

  it('keeps commentary as prefix in discursive notes and finds nothing in commentary', {
    todo: misses['keeps commentary as prefix in discursive notes and finds nothing in commentary'],
  }, () => {
    assert.match(note(13).citations[0]!.prefix!, /^RATS was accompanied by: .* training centre in Shanghai\. See $/);
    assert.match(note(19).citations[0]!.prefix!, /^Kazakhstan only granted .* coronavirus outbreak\. See $/);
    assert.match(note(52).citations[0]!.prefix!, /^In 2018, Huawei’s ‘Seeds for the Future’ programme .* engineers\. $/);
    assert.equal(note(60).citations[0]!.prefix, 'These are all recorded on the SCO website, ');
    assert.equal(note(87).citations[0]!.prefix, 'Data from ');
    assert.equal(note(52).citations[0]!.item.title, 'Huawei Central Asia Innovation Day: Build Digital Silk Road Through Innovation, Openness and Win-win');
    assert.equal(note(34).kind, 'commentary');
    assert.equal(note(34).citations.length, 0);
  });

  it('matches the reviewed golden output (UPDATE=1 rewrites it)', () => {
    const actual = `${JSON.stringify(Object.fromEntries(parsed), null, 2)}\n`;
    if (process.env.UPDATE === '1' || !existsSync(goldenPath)) {
      mkdirSync(path.dirname(goldenPath), { recursive: true });
      writeFileSync(goldenPath, actual);
    }
    assert.equal(actual, readFileSync(goldenPath, 'utf8'));
  });
});

interface OtherCase {
  style: string;
  text: string;
  kind: NoteKind;
  items?: ItemFields[];
  locators?: (string | undefined)[];
  prefix?: string;
  suffix?: string;
  locator?: string;
  crossReference?: number;
  shortForm?: ParsedNote['shortForm'];
}

const smith = [{ family: 'Smith', given: 'Jane' }];
const cooleyBook: ItemFields = {
  type: 'book',
  title: 'Great Games, Local Rules',
  author: [{ family: 'Cooley', given: 'Alexander' }],
  publisher: 'Oxford University Press',
  'publisher-place': 'New York',
  issued: date(2012),
};

const otherCases: OtherCase[] = [
  {
    style: 'Chicago book, note number kept',
    text: '1. Jane Smith, _The Book Title_ (Chicago: University of Chicago Press, 2010), 45.',
    kind: 'citation',
    items: [
      { type: 'book', author: smith, title: 'The Book Title', publisher: 'University of Chicago Press', 'publisher-place': 'Chicago', issued: date(2010) },
    ],
    locators: ['p. 45'],
  },
  {
    style: 'Chicago journal article with DOI',
    text: 'Jane Smith, “Title of the Article,” _Journal of Asian Studies_ 12, no. 3 (2015): 34–49, https://doi.org/10.1017/S0021911815000012.',
    kind: 'citation',
    items: [
      {
        type: 'article-journal',
        title: 'Title of the Article',
        'container-title': 'Journal of Asian Studies',
        volume: '12',
        issue: '3',
        page: '34–49',
        issued: date(2015),
        DOI: '10.1017/S0021911815000012',
        URL: 'https://doi.org/10.1017/S0021911815000012',
      },
    ],
  },
  {
    style: 'Chicago newspaper, US date with a comma',
    text: 'Andrew Higgins, “Russia Pushes Back,” _New York Times_, March 3, 2015, https://www.nytimes.com/2015/03/03/world/europe/russia.html.',
    kind: 'citation',
    items: [
      {
        type: 'article-newspaper',
        author: [{ family: 'Higgins', given: 'Andrew' }],
        'container-title': 'New York Times',
        issued: date(2015, 3, 3),
        URL: 'https://www.nytimes.com/2015/03/03/world/europe/russia.html',
        publisher: undefined,
      },
    ],
  },
  {
    style: 'Chicago, three authors',
    text: 'Jane Smith, John Doe, and Ann Lee, _Central Asia after Empire_ (London: Hurst, 2019), 112–14.',
    kind: 'citation',
    items: [
      {
        type: 'book',
        author: [
          { family: 'Smith', given: 'Jane' },
          { family: 'Doe', given: 'John' },
          { family: 'Lee', given: 'Ann' },
        ],
        publisher: 'Hurst',
      },
    ],
    locators: ['pp. 112–14'],
  },
  {
    style: 'Chicago chapter in an edited book',
    text: 'Jane Smith, “Chapter Title,” in _The Edited Volume_, ed. John Doe (Oxford: Oxford University Press, 2012), 45–67.',
    kind: 'citation',
    items: [
      {
        type: 'chapter',
        title: 'Chapter Title',
        'container-title': 'The Edited Volume',
        editor: [{ family: 'Doe', given: 'John' }],
        page: '45–67',
        issued: date(2012),
      },
    ],
  },
  {
    style: 'Chicago edited book',
    text: 'Marlène Laruelle, ed., _China’s Belt and Road Initiative and Its Impact in Central Asia_ (Washington, DC: George Washington University, 2018).',
    kind: 'citation',
    items: [{ type: 'book', editor: [{ family: 'Laruelle', given: 'Marlène' }], author: undefined, 'publisher-place': 'Washington, DC', issued: date(2018) }],
  },
  {
    style: 'Chicago dissertation',
    text: 'Jane Smith, “Rethinking the Silk Road” (PhD diss., University of Chicago, 2014), 88.',
    kind: 'citation',
    items: [{ type: 'thesis', genre: 'PhD diss.', publisher: 'University of Chicago', issued: date(2014) }],
    locators: ['p. 88'],
  },
  {
    style: 'Chicago blog post',
    text: 'Jane Smith, “Why the SCO Matters,” _War on the Rocks_ (blog), 3 June 2021, https://warontherocks.com/2021/06/sco/.',
    kind: 'citation',
    items: [{ type: 'post-weblog', 'container-title': 'War on the Rocks', issued: date(2021, 6, 3), publisher: undefined }],
  },
  {
    style: 'Chicago report in a numbered series',
    text: 'Jane Smith, _Title_, Crisis Group Asia Report No. 250 (Brussels: International Crisis Group, 2013), 4.',
    kind: 'citation',
    items: [
      { type: 'report', 'collection-title': 'Crisis Group Asia Report', number: '250', publisher: 'International Crisis Group', 'publisher-place': 'Brussels' },
    ],
    locators: ['p. 4'],
  },
  {
    style: 'Chicago particle and suffix in names',
    text: 'Ludwig van Beethoven, _Letters_ (London: Macmillan, 1961), 12; Martin Luther King Jr., “Letter from Birmingham Jail,” 16 April 1963.',
    kind: 'citations',
    items: [
      { author: [{ family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' }] },
      { author: [{ family: 'King', given: 'Martin Luther', suffix: 'Jr.' }], issued: date(1963, 4, 16) },
    ],
  },
  {
    style: 'Chicago title without italics (formatting lost)',
    text: 'Alexander Cooley, Great Games (New York: Oxford University Press, 2012), 45.',
    kind: 'citation',
    items: [{ ...cooleyBook, title: 'Great Games' }],
    locators: ['p. 45'],
  },
  {
    style: 'Chicago short form',
    text: 'Cooley, _Great Games_, 45.',
    kind: 'short',
    shortForm: { author: 'Cooley', title: 'Great Games' },
    locators: ['p. 45'],
  },
  {
    style: 'MHRA book',
    text: 'Jane Smith, _Title_ (London: Verso, 2010), p. 45.',
    kind: 'citation',
    items: [{ type: 'book', title: 'Title', publisher: 'Verso', 'publisher-place': 'London', issued: date(2010) }],
    locators: ['p. 45'],
  },
  {
    style: 'MHRA journal article',
    text: 'Jane Smith, ‘Title of the Article’, _Journal of Asian Studies_, 12 (2015), 34–49.',
    kind: 'citation',
    items: [{ type: 'article-journal', 'container-title': 'Journal of Asian Studies', volume: '12', page: '34–49', issued: date(2015) }],
  },
  {
    style: 'MHRA volume.issue and cited page',
    text: 'Jane Smith, ‘Title of the Article’, _Modern Asian Studies_, 12.3 (2015), 34–49 (p. 36).',
    kind: 'citation',
    items: [{ type: 'article-journal', volume: '12', issue: '3', page: '34–49' }],
    locators: ['p. 36'],
  },
  {
    style: 'MHRA newspaper',
    text: 'Andrew Higgins, ‘Russia Pushes Back’, _The Guardian_, 3 March 2015.',
    kind: 'citation',
    items: [{ type: 'article-newspaper', 'container-title': 'The Guardian', issued: date(2015, 3, 3) }],
  },
  {
    style: 'newspaper with page and no author',
    text: '‘Central Asia’s New Railway’, _The Economist_, 5 May 2020, p. 5.',
    kind: 'citation',
    // The article's page, as CSL's `page` (the renderer prints it as the cited page would be).
    items: [{ type: 'article-newspaper', title: 'Central Asia’s New Railway', author: undefined, 'container-title': 'The Economist', page: '5' }],
    locators: [undefined],
  },
  {
    style: 'news agency as author',
    text: 'Reuters, ‘Kazakhstan Devalues Tenge’, 20 August 2015.',
    kind: 'citation',
    items: [{ type: 'article-newspaper', author: [{ literal: 'Reuters' }], issued: date(2015, 8, 20) }],
  },
  {
    style: 'Harvard-in-notes, author-date short',
    text: 'Smith (2010, p. 45)',
    kind: 'short',
    shortForm: { author: 'Smith', year: '2010' },
    locators: ['p. 45'],
  },
  {
    style: 'Chicago author-date in brackets',
    text: '(Cooley 2012, 45)',
    kind: 'short',
    shortForm: { author: 'Cooley', year: '2012' },
    items: [{ issued: date(2012) }],
    locators: ['p. 45'],
  },
  {
    style: 'Harvard book',
    text: 'Smith, J. (2010) Title of the Book. London: Verso.',
    kind: 'citation',
    items: [
      {
        type: 'book',
        author: [{ family: 'Smith', given: 'J.' }],
        title: 'Title of the Book',
        publisher: 'Verso',
        'publisher-place': 'London',
        issued: date(2010),
      },
    ],
  },
  {
    style: 'Harvard journal article, two authors',
    text: 'Smith, J. and Jones, K. (2015) ‘Title of the Article’, Journal of Asian Studies, 12(3), pp. 34–49.',
    kind: 'citation',
    items: [
      {
        type: 'article-journal',
        author: [
          { family: 'Smith', given: 'J.' },
          { family: 'Jones', given: 'K.' },
        ],
        'container-title': 'Journal of Asian Studies',
        volume: '12',
        issue: '3',
        page: '34–49',
      },
    ],
  },
  {
    style: 'Harvard web page',
    text: 'World Bank (2020) Kazakhstan Economic Update. Available at: https://www.worldbank.org/kz (Accessed: 14 August 2022).',
    kind: 'citation',
    items: [
      {
        type: 'webpage',
        author: [{ literal: 'World Bank' }],
        title: 'Kazakhstan Economic Update',
        URL: 'https://www.worldbank.org/kz',
        accessed: ACCESSED_2022,
      },
    ],
  },
  {
    style: 'bibliography style in a note',
    text: 'Smith, Jane. _The Book Title_. Chicago: University of Chicago Press, 2010.',
    kind: 'citation',
    items: [{ type: 'book', author: smith, title: 'The Book Title', publisher: 'University of Chicago Press', issued: date(2010) }],
  },
  {
    style: 'URL-only note',
    text: '<https://example.org/x>',
    kind: 'citation',
    items: [{ type: 'webpage', URL: 'https://example.org/x', title: undefined }],
  },
  {
    style: 'See + bare URL, trailing punctuation dropped',
    text: 'See https://example.org/report.pdf).',
    kind: 'citation',
    items: [{ URL: 'https://example.org/report.pdf', 'container-title': undefined }],
    prefix: 'See ',
  },
  {
    style: 'Markdown link as title',
    text: 'Jane Smith, [Title of the Post](https://blog.example.com/post), accessed 1 May 2020.',
    kind: 'citation',
    items: [{ type: 'post-weblog', title: 'Title of the Post', URL: 'https://blog.example.com/post', accessed: date(2020, 5, 1) }],
  },
  {
    style: 'several citations with signals',
    text: 'See Jane Smith, _Book_ (London: Verso, 2010), 5; see also John Doe, ‘Article’, _Journal of Things_ 4, no. 1 (2011): 1–20; and Ann Lee, _Another Book_ (Paris: Seuil, 2012).',
    kind: 'citations',
    items: [{ title: 'Book' }, { title: 'Article', volume: '4', issue: '1' }, { title: 'Another Book', author: [{ family: 'Lee', given: 'Ann' }] }],
    locators: ['p. 5', undefined, undefined],
  },
  {
    style: 'commentary, then a citation',
    text: 'For a fuller account, see Alexander Cooley, _Great Games, Local Rules_ (New York: Oxford University Press, 2012), 45.',
    kind: 'discursive',
    items: [cooleyBook],
    prefix: 'For a fuller account, see ',
  },
  {
    style: 'a citation, then commentary',
    text: 'Alexander Cooley, _Great Games, Local Rules_ (New York: Oxford University Press, 2012), 45; this view is disputed.',
    kind: 'discursive',
    items: [cooleyBook],
    suffix: '; this view is disputed.',
  },
  { style: 'Ibid.', text: 'Ibid.', kind: 'ibid' },
  { style: 'Ibid. with page', text: 'Ibid., p. 4', kind: 'ibid', locator: 'p. 4' },
  { style: 'ibid, lower case', text: 'ibid', kind: 'ibid' },
  { style: 'Ibid. in italics with a bare page range', text: '_Ibid._, 45-47.', kind: 'ibid', locator: 'pp. 45–47' },
  { style: 'Op. cit. without a name', text: 'Op. cit., p. 12.', kind: 'ibid', locator: 'p. 12' },
  {
    style: 'Op. cit. with a name',
    text: 'Smith, op. cit., p. 45.',
    kind: 'short',
    shortForm: { author: 'Smith' },
    locators: ['p. 45'],
  },
  { style: 'cross-reference', text: 'See note 12 above.', kind: 'cross-reference', crossReference: 12 },
  { style: 'cross-reference with page', text: 'See n. 3, p. 4.', kind: 'cross-reference', crossReference: 3, locator: 'p. 4' },
  {
    style: 'published interview',
    text: 'Interview with Jane Smith, _The Diplomat_, 4 April 2019.',
    kind: 'citation',
    items: [{ type: 'interview', author: smith, 'container-title': 'The Diplomat', issued: date(2019, 4, 4) }],
  },
  {
    style: 'Chicago unpublished interview',
    text: 'Jane Smith, interview by the author, Almaty, May 3, 2010.',
    kind: 'citation',
    items: [{ type: 'interview', author: smith, interviewer: [{ literal: 'the author' }], 'event-place': 'Almaty', issued: date(2010, 5, 3) }],
  },
  {
    style: 'escaped Markdown and straight quotes',
    text: 'Jane Smith, "The \\*Real\\* Story," Journal of Things 3 (2001): 5-9.',
    kind: 'citation',
    items: [{ type: 'article-journal', title: 'The *Real* Story', 'container-title': 'Journal of Things', volume: '3', page: '5-9', issued: date(2001) }],
  },
  {
    style: 'malformed autolink',
    text: 'Huawei, ‘Tajikistan’, <<https://www.huawei.com/tj>, accessed 14 August 2022.',
    kind: 'citation',
    items: [{ type: 'webpage', URL: 'https://www.huawei.com/tj', accessed: ACCESSED_2022 }],
  },
];

describe('parseNote on other citation habits', () => {
  for (const expected of otherCases) {
    const name = `${expected.style}: ${expected.text}`;
    it(name, misses[expected.style] ? { todo: misses[expected.style] } : {}, () => {
      const result = parseNote(expected.text);
      assert.equal(result.kind, expected.kind, 'kind');
      if (expected.items) {
        assert.equal(result.citations.length, expected.items.length, 'number of items');
        for (const [index, item] of expected.items.entries()) assertFields(result.citations[index]?.item, item, `item ${index + 1}`);
      }
      if (expected.locators) {
        assert.deepEqual(
          result.citations.map((citation) => citation.locator),
          expected.locators,
          'locators',
        );
      }
      if (expected.prefix !== undefined) assert.equal(result.citations[0]?.prefix, expected.prefix, 'prefix');
      if (expected.suffix !== undefined) assert.equal(result.citations.at(-1)?.suffix, expected.suffix, 'suffix');
      assert.equal(result.locator, expected.locator, 'note locator');
      assert.equal(result.crossReference, expected.crossReference, 'cross-reference');
      if (expected.shortForm) assert.deepEqual(result.shortForm, expected.shortForm, 'short form');
    });
  }

  it('lists uncertain parses below certain ones', { todo: misses['lists uncertain parses below certain ones'] }, () => {
    const certain = parseNote('Jane Smith, _Title_ (London: Verso, 2010), p. 45.');
    const unclosed = parseNote('Jane Smith, ‘Title, Reuters, 3 March 2015.');
    // The model's probabilities: a clear note is near 1, never a fixed 1 as a rule's score was.
    // (A bare `<https://example.org/x>` is no longer below it: the converged model is as sure, 0.95,
    // that it is a URL; cite-notes leaves a bare URL as typed whatever its confidence.)
    // (Since the joint probability of all its words' labels tempers it, 0.89 here: the page, `p. 45.`, is 0.87–0.89.)
    assert.ok(certain.confidence > 0.85, `certain: ${certain.confidence}`);
    assert.ok(unclosed.confidence < certain.confidence);
    assert.ok(unclosed.citations[0]!.problems.some((problem) => problem.startsWith('unclosed quotation mark')));
  });

  it('flags commentary that quotes a title but cites nothing', { todo: misses['flags commentary that quotes a title but cites nothing'] }, () => {
    const result = parseNote('The phrase ‘Digital Silk Road’ first appeared in 2015 in Chinese policy documents.');
    assert.equal(result.kind, 'commentary');
    assert.ok(result.confidence < 0.9);
  });

  it('a note broken over continuation lines is read, its names too (Journal of Cultural Analytics, CC BY 4.0: data/notes/unseen)', () => {
    const note =
      'Sherryl Vint and Mark Bould, "There Is No Such Thing As Science\n    Fiction," In _Reading Science Fiction_, ed. James Gunn, Marleen\n    Barr, and Matthew Candelaria (New York: Palgrave, 2009), 48.';
    const [citation] = parseNote(note).citations;
    assert.deepEqual(
      citation?.item.editor?.map((name) => ('family' in name ? name.family : name.literal)),
      ['Gunn', 'Barr', 'Candelaria'],
    );
  });
});

describe('prose around a link or a name, which names no work to cite', () => {
  // Notes 4 and 5 of Maggie Appleton's “The Pattern Language of Project Xanadu”
  // (tests/fixtures/import/real/defuddle/footnotes--maggieappleton.com-xanadu-patterns.html, as the
  // importer writes them): cited, they printed `Using La Pasiega Cave, n.d., https://…. in Spain`.
  const mentions = [
    'Christopher Alexander’s [The Nature of Order](https://en.wikipedia.org/wiki/The_Nature_of_Order) goes deep on this principle',
    'Using [La Pasiega Cave](https://en.wikipedia.org/wiki/Cave_of_La_Pasiega) in Spain as a relative marker - 65,000 y.a.',
    // From the training notes (data/notes/corpus.tagged, more-notes-5.tagged): the same shape.
    'See [here](https://fivethirtyeight.com/methodology/how-our-presidential-endorsement-tracker-works/) for more on how the points work.',
    'The authors of [Leading the Transformation](https://itrevolution.com/about-the-book-leading-the-transformation/) suggest software costs are driven to 20-30% higher because of this “waterfall” method',
    // A title running over a link's edge, and a name alone: prose around a link, no work.
    'From [an interview with the author](https://example.org/interview).',
    'See this [great thread](https://twitter.com/a/status/1) by Jane Doe.',
    // AnyStyle's gold.xml: the model read all after the names as commentary, and the note cited “Soini, Leussu, T.” alone.
    '73. Soini EJ, Leussu M, Hallinen T. Administration costs of intravenous biologic drugs for rheumatoid arthritis. Springerplus. 2013; 2: 531.',
  ];
  for (const text of mentions)
    it(`stays as typed and is flagged: ${text.slice(0, 60)}…`, () => {
      const parsed = parseNote(text);
      for (const citation of parsed.citations) {
        assert.ok(citation.confidence < CONFIDENCE_THRESHOLD, `${citation.item.title}: ${citation.confidence}`);
        assert.ok(
          citation.problems.some((problem) =>
            /^(?:named inside a sentence that runs on|the title .* runs past a link’s words|only a name, no work)/.test(problem),
          ),
        );
      }
    });
  it('a reference the sentence goes on after, past a comma or with its locator, is still cited', () => {
    for (const text of [
      'See Jane Smith, _Harbours of the North_ (London: Sea Press, 2019), 12, for the older view.',
      'Jane Smith, _Harbours of the North_ (London: Sea Press, 2019), pp. 12–14.',
    ]) {
      const [citation] = parseNote(text).citations;
      assert.equal(citation?.item.title, 'Harbours of the North', text);
      assert.ok((citation?.confidence ?? 0) >= CONFIDENCE_THRESHOLD, text);
    }
  });
});

describe('a note no step can read', () => {
  it('stays as typed, with the reason, instead of ending the book’s citing', () => {
    const text = 'Jane Smith, _A Book_ (London: Verso, 2010), 45.';
    const parsed = parseNote(text, {
      labeller: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'match')");
      },
    });
    assert.equal(parsed.kind, 'commentary');
    assert.deepEqual(parsed.citations, []);
    assert.equal(parsed.confidence, 0);
    assert.equal(parsed.text, text);
    assert.match(parsed.failure ?? '', /^could not be read \(Cannot read properties of undefined \(reading 'match'\)\): left as typed$/);
    assert.equal(parseNote(text).failure, undefined);
  });
});
