import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { pieceToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../src/import/import.ts';

const fixtures = new URL('../../fixtures/import/plain-notes/', import.meta.url);

/** Imports `text` as the file `path` and gives the chapters' Markdown, the line fates and the note messages. */
function imported(path: string, text: string) {
  const file = new VFile({ path, value: text });
  const result = importSource(file, { defaultAuthor: undefined });
  const markdown = result.chapters.map((chapter) => pieceToMarkdown(chapter.piece)).join('\n');
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  const references = [...body.matchAll(/(?<!^)\[\^([^\]]+)\]/gm)].map((match) => match[1]);
  const definitions = [...body.matchAll(/^\[\^([^\]]+)\]:/gm)].map((match) => match[1]);
  const messages = file.messages
    .filter((message) => message.ruleId?.startsWith('note-'))
    .map((message) => `${message.line}:${message.column} ${message.ruleId}`);
  const fateOf = (line: number) => {
    const fate = result.lines.find((entry) => entry.line === line);
    return fate?.fate === 'kept' || fate?.fate === 'metadata' ? `${fate.fate}:${fate.field}` : fate?.fate;
  };
  return { body, references, definitions, messages, fateOf, lines: result.lines };
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;

describe('notes typed by hand in a plain-text essay', () => {
  const essay = lines(
    'The Right Kind of Stubborn',
    '',
    'Successful people tend to be persistent. It cost $1.5 million in 2019 (1) and COVID-19 [sic] hit hard.',
    '',
    'Whereas obstinate people lock in premium features. [1]',
    '',
    'It is the same with most successful people, who listen. [2] Founded in 2001, it grew 5% a year.',
    '',
    'The persistent are like boats whose engines cannot be throttled back. [3]',
    '',
    'Notes',
    '',
    '[1] I am going to use "persistent" for the good kind of stubborn.',
    '',
    'This second paragraph of the first note runs on.',
    '',
    '[2] There are some domains where one can succeed by being obstinate.',
    '',
    '[3] There will be some resistance to turning the rudder.',
  );
  const result = imported('essay.txt', essay);

  it('ties every bracketed marker to its note, after the word it belongs to', () => {
    assert.deepEqual(result.references, ['1', '2', '3']);
    assert.deepEqual(result.definitions, ['1', '2', '3']);
    assert.match(result.body, /premium features\.\[\^1\]/);
    assert.match(result.body, /who listen\.\[\^2\] Founded/);
  });

  it('keeps a note’s run-on paragraph in the note', () => {
    assert.match(
      result.body,
      /\[\^1\]: I am going to use "persistent" for the good kind of stubborn\.\n\n {4}This second paragraph of the first note runs on\./,
    );
  });

  it('never takes years, prices, COVID-19, [sic] or a citation-like (1) for markers', () => {
    assert.match(result.body, /\$1\.5 million in 2019 \(1\) and COVID-19 \\\[sic] hit hard\./);
    assert.match(result.body, /Founded in 2001, it grew 5% a year\./);
  });

  it('accounts for the notes as notes and the heading as dropped, with no note warnings', () => {
    assert.equal(result.fateOf(11), 'dropped');
    for (const line of [13, 15, 17, 19]) assert.equal(result.fateOf(line), 'kept:notes', `line ${line}`);
    assert.equal(result.fateOf(5), 'kept:body');
    assert.deepEqual(result.messages, []);
  });
});

describe('notes typed by hand in text wrapped by hand (a PEP, a kernel document)', () => {
  const pep = lines(
    'Motivation',
    '',
    '    Another alternative would be to make tokenize an iterator[1],',
    '    delivering the next token whenever its .next() method is invoked.',
    '    A final option is to use the Stackless[2][3] variant implementation.',
    '',
    '    >>> print list(f())',
    '    [1, 2, 4, 5, 8, 9, 10, 11]',
    '',
    'Footnotes and References',
    '',
    '    [1] PEP 234, Iterators, Yee, Van Rossum',
    '        http://www.python.org/dev/peps/pep-0234/',
    '',
    '    [2] http://www.stackless.com/',
    '',
    '    [3] PEP 219, Stackless Python, McMillan',
    '        http://www.python.org/dev/peps/pep-0219/',
  );
  const result = imported('pep-0255.txt', pep);

  it('joins the wrapped lines of a paragraph and of a note, and ties the markers', () => {
    assert.deepEqual(result.references, ['1', '2', '3']);
    assert.deepEqual(result.definitions, ['1', '2', '3']);
    assert.match(result.body, /tokenize an iterator\[\^1\],\ndelivering the next token/);
    assert.match(result.body, /\[\^1\]: PEP 234, Iterators, Yee, Van Rossum\n {4}<http:\/\/www\.python\.org\/dev\/peps\/pep-0234\/>/);
  });

  it('leaves a list printed by a program alone and reports nothing', () => {
    assert.match(result.body, /\\\[1, 2, 4, 5, 8, 9, 10, 11]/);
    assert.deepEqual(result.messages, []);
  });

  it('accounts for every line of a wrapped note as notes', () => {
    for (const line of [12, 13, 15, 17, 18]) assert.equal(result.fateOf(line), 'kept:notes', `line ${line}`);
    assert.equal(result.fateOf(10), 'dropped');
    assert.equal(result.fateOf(4), 'kept:body');
  });

  it('ends the notes at a heading underlined by hand, which stays in the body', () => {
    const kernel = imported(
      'volatile.txt',
      lines(
        'Why volatile should not be used',
        '------------------------------',
        '',
        'The volatile keyword is usually a bug, as argued at length [1]',
        'and again by others [2].',
        '',
        'NOTES',
        '-----',
        '',
        '[1] http://lwn.net/Articles/233481/',
        '[2] http://lwn.net/Articles/233482/',
        '',
        'CREDITS',
        '-------',
        '',
        'Written by Jonathan Corbet',
      ),
    );
    assert.deepEqual(kernel.definitions, ['1', '2']);
    assert.deepEqual(kernel.references, ['1', '2']);
    assert.match(kernel.body, /## CREDITS\n\n(?:## )?Written by Jonathan Corbet\n\n\[\^1\]:/);
    assert.equal(kernel.fateOf(8), 'dropped');
    assert.equal(kernel.fateOf(11), 'kept:notes');
  });
});

describe('notes set right after the text they belong to', () => {
  it('reads [Footnote n: …] blocks (Project Gutenberg) over several lines, wherever they stand', () => {
    const result = imported(
      'folk-lore.txt',
      lines(
        'A Contribution to Folk-Lore',
        '',
        'In order to make experiments among the less civilized Indians of',
        'New Mexico,[1] I visited, in the month of April, the Passamaquoddies.',
        '',
        '[Footnote 1: This work was undertaken as a preparation for similar',
        'observation [at Zuñi] in connection with the Hemenway Expedition.]',
        '',
        'The songs were taken from the Indians themselves,[2] on wax cylinders,',
        'in the year 1889 [3 cylinders were lost].',
        '',
        '[Footnote 2: I have given below English versions of these.]',
      ),
    );
    assert.deepEqual(result.references, ['1', '2']);
    assert.deepEqual(result.definitions, ['1', '2']);
    assert.match(
      result.body,
      /\[\^1\]: This work was undertaken as a preparation for similar\n {4}observation \\\[at Zuñi] in connection with the Hemenway Expedition\.\n/,
    );
    assert.match(result.body, /in the year 1889 \\\[3 cylinders were lost]\./);
    for (const line of [6, 7, 12]) assert.equal(result.fateOf(line), 'kept:notes', `line ${line}`);
    assert.deepEqual(result.messages, []);
  });

  it('pairs each (*) note with the (*) before it; *cough* and d*ckhead are no markers', () => {
    const result = imported(
      'management-style.txt',
      lines(
        'Linux kernel management style',
        '',
        'This is a short document describing the preferred management style,',
        'made to avoid answering (*) the same questions over and over again.',
        '',
        '(*) This document does so not so much by answering the question, but by',
        'making it painfully obvious that we do not have a clue.',
        '',
        'People will even see that as true leadership (*cough* bullshit',
        '*cough*), and you can call anybody a d*ckhead in millions of ways (*).',
        '',
        '(*) Paul Simon sang "Fifty Ways to Leave Your Lover".',
      ),
    );
    assert.deepEqual(result.references, ['1', '2']);
    assert.match(result.body, /made to avoid answering\[\^1\] the same questions/);
    assert.match(result.body, /\(\\\*cough\\\* bullshit\n\\\*cough\\\*\), and you can call anybody a d\\\*ckhead in millions of ways\[\^2\]\./);
    assert.match(result.body, /\[\^2\]: Paul Simon sang "Fifty Ways to Leave Your Lover"\./);
  });
});

describe('Pandoc inline notes', () => {
  it('become footnotes, code and brackets inside them kept', () => {
    const result = imported(
      'jstor.md',
      lines(
        '---',
        'title: Parsing metadata',
        '---',
        '',
        'It adds up to 4.2 minutes^[For this calculation I take the medians [of the benchmark]:',
        '`251/60 = 4.18`], and more for 500,000 documents^[The calculation is similar.].',
      ),
    );
    assert.deepEqual(result.references, ['1', '2']);
    assert.match(result.body, /4\.2 minutes\[\^1\], and more for 500,000 documents\[\^2\]\./);
    assert.match(result.body, /\[\^1\]: For this calculation I take the medians \\\[of the benchmark]:\n {4}`251\/60 = 4\.18`\n/);
  });
});

describe('notes typed by hand in Markdown', () => {
  it('reads a **References** list typed line by line with [n] markers in the text', () => {
    const result = imported(
      'partition.md',
      lines(
        '---',
        'title: Partition calculus',
        '---',
        '',
        'By the results of Specker [4], it cannot be pinned. Chang [1] proved the first case and',
        'Erdős and Rado [2] the general one [2, 3], which Specker [4] had foreseen.',
        '',
        '**References**',
        '',
        '[1] C. C. Chang, *A partition theorem for the complete graph*, J. Combinatorial Theory (A) 12 (1972).  ',
        '[2] P. Erdős and R. Rado, *A partition calculus in set theory*, Bull. Amer. Math. Soc. 62 (1956).  ',
        '[3] J. Larson, *A short proof of a partition theorem*, Ann. Math. Logic 6 (1973).  ',
        '[4] E. Specker, *Teilmengen von Mengen mit Relationen*, Comment. Math. Helv. 31 (1957).',
      ),
    );
    assert.deepEqual(result.references, ['4', '1', '2', '2', '3', '4']);
    assert.deepEqual(result.definitions, ['1', '2', '3', '4']);
    assert.match(result.body, /\[\^2\]: P\. Erdős and R\. Rado, _A partition calculus in set theory_, Bull\. Amer\. Math\. Soc\. 62 \(1956\)\.\n/);
    assert.equal(result.fateOf(8), 'dropped');
    assert.equal(result.fateOf(12), 'kept:notes');
    assert.deepEqual(result.messages, ['6:58 note-marker-repeated']);
  });

  it('keeps a References list with no markers in the text as a bibliography', () => {
    const result = imported(
      'pocket-sdr.md',
      lines(
        '---',
        'title: Pocket SDR',
        '---',
        '',
        'The front end uses two MAX2771 chips and an FX3 controller, as in the 4CH version.',
        '',
        '## References',
        '',
        '[1] Maxim integrated, MAX2771 Multiband Universal GNSS Receiver, July 2018',
        '',
        '[2] Cypress Semiconductor, EZ-USB FX3 Technical Reference Manual, Rev.F, May 9, 2019',
      ),
    );
    assert.deepEqual(result.definitions, []);
    assert.match(result.body, /## References\n\n\\\[1] Maxim integrated/);
    assert.equal(result.fateOf(9), 'kept:body');
    assert.deepEqual(result.messages, []);
  });

  it('keeps a closing numbered list that no marker points to as a list', () => {
    const result = imported(
      'steps.md',
      lines('---', 'title: Steps', '---', '', 'Do this in 2 steps, then rest for 1 day.', '', '1. Install the tool.', '2. Run it.'),
    );
    assert.deepEqual(result.definitions, []);
    assert.match(result.body, /1\. Install the tool\.\n2\. Run it\./);
  });

  it('keeps a numbered list of remarks under ### Notes, which nothing points to, as a list', () => {
    const result = imported(
      'kata.md',
      lines(
        '---',
        'title: Robber language',
        '---',
        '',
        'Your task is to implement a function which returns the sentence in robber language.',
        '',
        '### Notes',
        '',
        '1. Only consonants should be modified; leave all other characters unchanged.',
        '2. Both upper and lower case characters will be tested.',
      ),
    );
    assert.deepEqual(result.definitions, []);
    assert.match(result.body, /## Notes\n\n1\. Only consonants should be modified/);
    assert.deepEqual(result.messages, []);
  });

  it('takes the typed notes the linked-notes recogniser could not see, beside the ones it made', () => {
    // Note 2's marker is inside a raw HTML block (its Markdown link stays text); note 1's is a real link.
    const result = imported(
      'mixed.md',
      lines(
        '---',
        'title: Mixed',
        '---',
        '',
        'First claim <sup id="fn1a">[[1]](#fn1)</sup> in a paragraph.',
        '',
        '<img src="x.jpg" alt="x">',
        'Second claim <sup id="fn2a">[[2]](#fn2)</sup> inside raw HTML.',
        '',
        '## Notes',
        '',
        '<a id="fn1">1</a>: First note. [↩](#fn1a)',
        '',
        '<a id="fn2">2</a>: Second note. [↩](#fn2a)',
      ),
    );
    assert.deepEqual(result.references, ['1', '2']);
    assert.deepEqual(result.definitions, ['1', '2']);
    assert.match(result.body, /Second claim\[\^2\] inside raw HTML\./);
    assert.match(result.body, /\[\^2\]: Second note\.\n/);
    assert.equal(result.fateOf(14), 'kept:notes');
  });

  it('reads notes after a rule and a `Footnotes:` line, with code blocks inside the notes', () => {
    const result = imported(
      'oci8.md',
      lines(
        '---',
        'title: ruby-oci8 on Ubuntu 24.04',
        '---',
        '',
        'Installing ruby-oci8 v2.2.12 I hit an issue [1] where it could not find libaio.so.1 [2].',
        '',
        '---',
        'Footnotes:',
        '',
        '[1] the stack trace when installing the gem without the symlink.',
        '```',
        '[1] 76',
        '```',
        '',
        '[2] https://packages.ubuntu.com/noble/libaio1t64',
      ),
    );
    assert.deepEqual(result.references, ['1', '2']);
    assert.deepEqual(result.definitions, ['1', '2']);
    assert.match(result.body, /\[\^1\]: the stack trace when installing the gem without the symlink\.\n\n {4}```\n {4}\[1\] 76\n {4}```/);
    assert.equal(result.fateOf(7), 'dropped');
    assert.equal(result.fateOf(8), 'dropped');
    assert.equal(result.fateOf(12), 'kept:notes');
  });

  it('reads hand-made HTML notes in a Jekyll post, and never a note from a commented-out template (someweekendreading.github.io)', () => {
    const text = readFileSync(new URL('2022-06-02-paxlovid-in-the-wild.md', fixtures), 'utf8');
    const result = imported('_posts/2022-06-02-paxlovid-in-the-wild.md', text);
    assert.deepEqual(result.references, ['1']);
    assert.deepEqual(result.definitions, ['1']);
    assert.match(result.body, /who did the study\[\^1\], now available as a pre-print/);
    assert.match(result.body, /\[\^1\]: R Arbel, _et al\.,_ \["Oral Nirmatrelvir[^\n]*DOI: \[10\.21203\/rs\.3\.rs-1705061\/v1\]\([^)]*\)\.\n/);
    assert.doesNotMatch(result.body, /\*\*\*|↩|Notes & References|#fn1/);
    const sourceLines = text.split('\n');
    const lineOf = (start: string) => sourceLines.findIndex((line) => line.startsWith(start)) + 1;
    assert.equal(result.fateOf(lineOf('<a id="fn1">1</a>: R Arbel')), 'kept:notes');
    assert.equal(result.fateOf(lineOf('## Notes &amp; References')), 'dropped');
    assert.deepEqual(result.messages, []);
  });
});

describe('notes typed by hand in a saved page', () => {
  const page = (body: string) =>
    `<!doctype html><html><head><title>On Lists</title></head><body><article><h1>On Lists</h1>\n${body}\n</article></body></html>\n`;
  // Enough text for the page to read as an article.
  const filler = (sentence: string) => Array.from({ length: 12 }, () => sentence).join(' ');

  it('ties <sup> digits to a closing numbered list; a power of a unit is no marker', () => {
    const result = imported(
      'lists.html',
      page(
        [
          '<p>The first claim is made here.<sup>1</sup> The room is 20 m<sup>2</sup> and it grew in 2019.</p>',
          '<p>A second claim follows,<sup>2</sup> then a third.<sup>3</sup></p>',
          '<h3>Notes</h3>',
          '<ol><li>First note.</li><li>Second note.</li><li>Third note.</li></ol>',
        ].join('\n'),
      ),
    );
    assert.deepEqual(result.references, ['1', '2', '3']);
    assert.deepEqual(result.definitions, ['1', '2', '3']);
    assert.match(result.body, /20 m\^2\^ and it grew in 2019/);
    assert.equal(result.fateOf(4), 'dropped');
    assert.equal(result.fateOf(5), 'kept:notes');
  });

  it('reads Unicode superscripts and notes under a German heading', () => {
    const result = imported(
      'anmerkungen.html',
      page(
        [
          '<p>Die These steht hier.¹ Die Fläche misst 20 m² und wuchs 2019.</p>',
          '<p>Eine zweite folgt.²</p>',
          '<h2>Anmerkungen</h2>',
          '<p>¹ Erste Anmerkung.</p>',
          '<p>² Zweite Anmerkung.</p>',
        ].join('\n'),
      ),
    );
    assert.deepEqual(result.references, ['1', '2']);
    assert.deepEqual(result.definitions, ['1', '2']);
    assert.match(result.body, /20 m² und wuchs 2019/);
    assert.match(result.body, /\[\^1\]: Erste Anmerkung\./);
  });

  it('reads symbol notes (*, †) and Russian and Chinese headings', () => {
    const symbols = imported(
      'symbols.html',
      page(
        [
          `<p>${filler('Это длинное предложение о том, что он сказал.')} Он так сказал.* А потом ещё раз.†</p>`,
          '<h2>Примечания</h2>',
          '<p>* Первое примечание.</p>',
          '<p>† Второе примечание.</p>',
        ].join('\n'),
      ),
    );
    assert.deepEqual(symbols.references, ['1', '2']);
    assert.match(symbols.body, /\[\^2\]: Второе примечание\./);
    const chinese = imported(
      'zhushi.html',
      page(
        [
          `<p>${filler('这是一个关于他说过的话的很长的句子，用来组成一篇文章。')}他这样说过。[1] 后来又说了一次。[2]</p>`,
          '<h2>注释</h2>',
          '<p>[1] 第一条注释。</p>',
          '<p>[2] 第二条注释。</p>',
        ].join('\n'),
      ),
    );
    assert.deepEqual(chinese.references, ['1', '2']);
    assert.deepEqual(chinese.definitions, ['1', '2']);
  });
});

describe('problems with typed notes are reported where they are', () => {
  const result = imported(
    'problems.txt',
    lines(
      'A Piece With Problems',
      '',
      'The first claim.[1] The second claim.[2] A claim with no note.[4]',
      '',
      'Notes',
      '',
      '[1] The first note.',
      '',
      '[2] The second note.',
      '',
      '[5] A note out of order that nobody points to.',
    ),
  );

  it('keeps every note, ties what can be tied, and leaves a marker with no note as text', () => {
    assert.deepEqual(result.references, ['1', '2']);
    assert.deepEqual(result.definitions, ['1', '2', '5']);
    assert.match(result.body, /A claim with no note\.\\\[4]/);
  });

  it('never takes TeX ($R^2$) or a quoted text’s own citations for markers with no note', () => {
    const quoted = imported(
      'quoted.md',
      lines(
        '---',
        'title: Quoted',
        '---',
        '',
        'The fit is excellent, with $R^2 = 0.9$ or better, as the paper says [1]:',
        '',
        '> no quantum factorisation has ever factorised a value that was not rigged [23] [2].',
        '',
        '## Notes',
        '',
        '[1] P Gutmann, "Replication of quantum factorisation records", 2025.',
      ),
    );
    assert.deepEqual(quoted.references, ['1']);
    assert.match(quoted.body, /with \$R\^2 = 0\.9\$ or better, as the paper says\[\^1\]:/);
    assert.match(quoted.body, /rigged \\\[23] \\\[2]\./);
    assert.deepEqual(quoted.messages, []);
  });

  it('reports the marker with no note, the note out of order and the note never referenced, with line and column', () => {
    assert.deepEqual(result.messages.sort(), ['11:1 note-out-of-order', '11:1 note-unreferenced', '3:63 note-undefined'].sort());
  });
});

describe('the seed’s numbered notes', () => {
  it('still become footnotes with markers glued to the words (one note, 1. style)', () => {
    const result = imported(
      'glued.txt',
      lines('A Title', '', 'A new ‘Silk Road’.1 Founded in 2001, it thrived,2 in 201665 ways.', '', 'Notes', '', '1. One.', '', '2. Two.'),
    );
    assert.deepEqual(result.references, ['1', '2']);
    assert.match(result.body, /Silk Road’\.\[\^1\] Founded in 2001, it thrived,\[\^2\] in 201665 ways\./);
  });
});
