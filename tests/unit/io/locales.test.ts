import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { localeCandidates, readLocale } from '../../../src/io/cite-style.ts';
import { repoRoot } from '../../helpers/project.ts';

describe('the CSL locale a book’s citations are rendered in', () => {
  it('is its language’s own, else the primary dialect the CSL locales repository names', async () => {
    assert.deepEqual(localeCandidates('de'), ['locales-de.xml', 'locales-de-DE.xml']);
    assert.deepEqual(localeCandidates('en-AU'), ['locales-en-AU.xml', 'locales-en-US.xml']);
    const at = (language: string) => readLocale(repoRoot, { style: 'styles/csl/apa.csl', language }).then((locale) => locale?.name);
    assert.deepEqual(await Promise.all(['de-CH', 'de', 'pt', 'pt-BR', 'zh', 'he', 'en-GB', 'eo'].map(at)), [
      'de-CH',
      'de-DE',
      'pt-PT',
      'pt-BR',
      'zh-CN',
      'he-IL',
      'en-GB',
      undefined,
    ]);
  });

  it('every locale shipped is the one its name says, from the CSL repository, under CC BY-SA', async () => {
    const folder = path.join(repoRoot, 'styles/csl');
    const shipped = (await readdir(folder)).filter((name) => name.startsWith('locales-'));
    assert.ok(shipped.length >= 20, shipped.join(', '));
    for (const name of shipped) {
      const xml = await readFile(path.join(folder, name), 'utf8');
      assert.match(xml, new RegExp(`<locale [^>]*xml:lang="${name.replace(/^locales-|\.xml$/g, '')}"`), name);
      assert.match(xml, /<rights license="http:\/\/creativecommons\.org\/licenses\/by-sa\/3\.0\/">/, name);
    }
  });
});
