// AnyStyle's parser training XML (`res/parser/*.xml`: <dataset><sequence><author>…</author>…) →
// our tagged lines (data/notes/README.md). Labels are mapped to ours; AnyStyle's `volume` often
// holds the issue too (`12(3),`, `Vol. 81, No. 5,`, `2013;122(2):`), which is split into volume,
// issue and date so the model learns the issue as its own field.
//
// --notes keeps only references laid out as notes are (`Jane Smith, Title, …`: the author's name
// in reading order, then a comma, or publication facts in brackets). --italics sets every other
// reference's journal (or, for a book, its unquoted title) in Markdown italics, as a note written
// in Markdown has it; the plain-text copies keep the model from needing italics.
//
//   node --import tsx scripts/anystyle-to-tagged.ts core.xml > data/notes/anystyle-core.tagged
//   node --import tsx scripts/anystyle-to-tagged.ts --notes --italics good.xml > data/notes/anystyle-good-notes.tagged
import { readFileSync } from 'node:fs';
import type { Label } from '../src/cite/label/labels.ts';

const LABEL_OF: Record<string, Label> = {
  author: 'author',
  director: 'author',
  editor: 'editor',
  translator: 'translator',
  producer: 'note',
  title: 'title',
  journal: 'container-title',
  'container-title': 'container-title',
  'collection-title': 'collection-title',
  volume: 'volume',
  pages: 'pages',
  edition: 'edition',
  publisher: 'publisher',
  location: 'location',
  date: 'date',
  url: 'URL',
  doi: 'DOI',
  genre: 'genre',
  medium: 'genre',
  note: 'note',
  isbn: 'note',
  source: 'note',
  dataset: 'note',
  'citation-number': 'note',
};

/** AnyStyle's `volume` text → one or more of our fields. */
function splitVolume(text: string): [Label, string][] {
  const parts: [Label, string][] = [];
  let rest = text;
  const year = /^(\d{4}\s*;)\s*(.+)$/.exec(rest);
  if (year) {
    parts.push(['date', year[1]!]);
    rest = year[2]!;
  }
  const issue =
    /^(.*?\d[\w.-]*[,:]?)\s*(\(.+)$/.exec(rest) ??
    /^((?:vol(?:ume)?\.?\s*)?[\divxlc]+,?)\s+((?:no|nr|n°|issue|iss)\.?\s*.+)$/i.exec(rest) ??
    /^(\d+,)\s*(\d+\W*)$/.exec(rest);
  if (issue) parts.push(['volume', issue[1]!], ['issue', issue[2]!]);
  else parts.push(['volume', rest]);
  return parts;
}

const NOTE_AUTHOR = /^<(?:author|editor)>[\p{Lu}][\p{L}.'’-]+(?: (?:[\p{Lu}][\p{L}.'’-]*|de|van|von|da|di|del|la|le))+,<\/(?:author|editor)> <title>/u;

function isNoteLike(line: string): boolean {
  return NOTE_AUTHOR.test(line) || /<location>\(/.test(line);
}

/** `<container-title>In Journal of X,</container-title>` → `<container-title>In _Journal of X_,</container-title>`. */
function italicise(line: string): string {
  const wrap = (_match: string, open: string, lead: string, core: string, tail: string, close: string) => `${open}${lead}_${core}_${tail}${close}`;
  const container = /(<container-title>)((?:In:? )?)([^<]*?[\p{L}\p{N}?!)])([.,:;]*)(<\/container-title>)/u;
  if (container.test(line)) return line.replace(container, wrap);
  return line.replace(/(<title>)()([^<“”"‘’«]*?[\p{L}\p{N}?!)])([.,:;]*)(<\/title>)/u, wrap);
}

function convert(xml: string, options: { notes: boolean; italics: boolean }): string[] {
  const lines: string[] = [];
  for (const sequence of xml.matchAll(/<sequence>([\s\S]*?)<\/sequence>/g)) {
    const fields: string[] = [];
    for (const field of sequence[1]!.matchAll(/<([a-z-]+)>([\s\S]*?)<\/\1>/g)) {
      const name = field[1]!;
      const text = field[2]!.replace(/\s+/g, ' ').trim();
      const label = LABEL_OF[name];
      if (!label) throw new Error(`unknown AnyStyle label ${name}`);
      if (text === '') continue;
      const parts = label === 'volume' ? splitVolume(text) : [[label, text] as [Label, string]];
      for (const [part, value] of parts) fields.push(`<${part}>${value}</${part}>`);
    }
    const line = fields.join(' ');
    if (options.notes && !isNoteLike(line)) continue;
    lines.push(options.italics && lines.length % 2 === 0 ? italicise(line) : line);
  }
  return lines;
}

const args = process.argv.slice(2);
const input = args.find((arg) => !arg.startsWith('--'));
if (!input) throw new Error('usage: anystyle-to-tagged.ts [--notes] [--italics] FILE.xml');
const lines = convert(readFileSync(input, 'utf8'), { notes: args.includes('--notes'), italics: args.includes('--italics') });
process.stdout.write(`${lines.join('\n')}\n`);
