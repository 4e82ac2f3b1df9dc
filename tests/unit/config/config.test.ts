import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { parseBookConfig } from '../../../src/config/load.ts';
import { isValidIsbn } from '../../../src/config/schema.ts';
import { repoRoot } from '../../helpers/project.ts';

const valid = `title: A Book
editors: [Ann Editor]
language: en-GB
publisher: A Press
edition:
  number: 1
  date: 2024-05-01
identifier: isbn:978-0-306-40615-7
contents:
  - chapters/one.md
`;

function messagesFor(yaml: string) {
  const file = new VFile({ path: 'anthology.yaml', value: yaml });
  const config = parseBookConfig(file);
  return { config, messages: file.messages.map((m) => ({ line: m.line, column: m.column, rule: m.ruleId, reason: m.reason, fatal: m.fatal })) };
}

describe('anthology.yaml validation', () => {
  it('accepts a valid config and fills defaults', () => {
    const { config, messages } = messagesFor(valid);
    assert.deepEqual(messages, []);
    assert.equal(config?.trim, '6x9in');
    assert.equal(config?.style, 'styles/csl/chicago-notes-bibliography.csl');
  });

  it('names the key and line of a wrong value', () => {
    const { config, messages } = messagesFor(valid.replace('date: 2024-05-01', 'date: 01/05/2024'));
    assert.equal(config, undefined);
    assert.equal(messages.length, 1);
    assert.equal(messages[0]?.line, 7);
    assert.equal(messages[0]?.rule, 'config-invalid');
    assert.match(messages[0]?.reason ?? '', /`edition\.date`.*YYYY-MM-DD/);
  });

  it('points a missing required key at its parent', () => {
    const { messages } = messagesFor(valid.replace('publisher: A Press\n', ''));
    assert.equal(messages.length, 1);
    assert.match(messages[0]?.reason ?? '', /`publisher`: is required/);
    assert.equal(messages[0]?.line, 1);
  });

  it('rejects unknown keys, naming them', () => {
    const { messages } = messagesFor(`${valid}colour: blue\n`);
    assert.equal(messages.length, 1);
    assert.match(messages[0]?.reason ?? '', /unknown key `colour`/);
  });

  it('says in the file’s terms what a key wants and what it found, and suggests a near key', () => {
    const reasons = (yaml: string) => messagesFor(yaml).messages.map((m) => `${m.line}:${m.column} ${m.reason}`);
    assert.deepEqual(reasons(valid.replace('editors: [Ann Editor]', 'editors: Ann Editor')), [
      '2:10 key `editors`: expected a list (one `- item` per line, or `[a, b]`), found the text “Ann Editor”',
    ]);
    assert.deepEqual(reasons(valid.replace('  number: 1', '  number: two')), ['6:11 key `edition.number`: expected a whole number, found the text “two”']);
    assert.deepEqual(reasons(valid.replace('title: A Book', 'title: 1984')), [
      '1:8 key `title`: expected the book title as text, found the number 1984 (put it in quotes to make it text)',
    ]);
    assert.deepEqual(reasons(`${valid}publsher: x\n`), ['11:1 key `(top level)`: unknown key `publsher` (did you mean `publisher`?)']);
    assert.deepEqual(reasons(`${valid}trim: 6x9\n`), ['11:7 key `trim`: expected one of `6x9in`, `a5`, `royal`, `us-letter`, found the text “6x9”']);
    // Nothing near enough: no suggestion rather than a wild one.
    assert.deepEqual(reasons(`${valid}colour: blue\n`), ['11:1 key `(top level)`: unknown key `colour`']);
  });

  it('reports a part’s own problems, or what a contents entry may be', () => {
    const contents = 'contents:\n  - part: P\n    chapter: [x.md]\n  - 3\n  - part: Q\n    chapters: x.md\n';
    const reasons = messagesFor(valid.replace('contents:\n  - chapters/one.md\n', contents)).messages.map((m) => `${m.line}:${m.column} ${m.reason}`);
    assert.deepEqual(reasons, [
      '10:5 key `contents.0.chapters`: is required (expected a list (one `- item` per line, or `[a, b]`))',
      '11:5 key `contents.0`: unknown key `chapter` (did you mean `chapters`?)',
      '12:5 key `contents.1`: expected a chapter file (chapters/essay.md) or a part (part: Title, chapters: [chapters/essay.md, …])',
      '14:15 key `contents.2.chapters`: expected a list (one `- item` per line, or `[a, b]`), found the text “x.md”',
    ]);
  });

  it('reports YAML syntax errors with line and column', () => {
    const { messages } = messagesFor(valid.replace('editors: [Ann Editor]', 'editors: [Ann Editor'));
    assert.equal(messages[0]?.rule, 'yaml-syntax');
    assert.ok((messages[0]?.line ?? 0) >= 2);
  });

  it('checks ISBN checksums and refuses paths that leave the project', () => {
    assert.equal(isValidIsbn('978-0-306-40615-7'), true);
    assert.equal(isValidIsbn('978-0-306-40615-8'), false);
    assert.equal(isValidIsbn('0-306-40615-2'), true);
    const isbn = messagesFor(valid.replace('40615-7', '40615-8')).messages;
    assert.match(isbn[0]?.reason ?? '', /`identifier`.*ISBN/);
    const outside = messagesFor(valid.replace('chapters/one.md', '../secret.md')).messages;
    assert.match(outside[0]?.reason ?? '', /`contents\.0`.*inside the project/);
    assert.equal(outside[0]?.line, 10);
  });

  it('the committed JSON Schema is up to date', async () => {
    const { bookConfigJsonSchema } = await import('../../../src/config/schema.ts');
    const committed = JSON.parse(await readFile(path.join(repoRoot, 'schema/anthology.schema.json'), 'utf8'));
    assert.deepEqual(committed, JSON.parse(JSON.stringify(bookConfigJsonSchema())), 'run `npm run schema`');
  });
});
