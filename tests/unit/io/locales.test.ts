import assert from 'node:assert/strict';
import fsPromises, { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, mock } from 'node:test';
import { localeCandidates, readLocale } from '../../../src/io/cite-style.ts';
import { loadCitedBook } from '../../../src/pipeline/build.ts';
import { edit, repoRoot } from '../../helpers/project.ts';

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

  it('is read once per build of a book in another language (checked for, then used as read)', async () => {
    const project = await mkdtemp(path.join(tmpdir(), 'anthology-locale-'));
    try {
      await cp(path.join(repoRoot, 'tests/golden/book'), project, { recursive: true });
      await cp(path.join(repoRoot, 'styles/csl'), path.join(project, 'styles/csl'), { recursive: true });
      await edit(path.join(project, 'anthology.yaml'), (text) => text.replace('language: en-GB', 'language: de'));
      const reads: string[] = [];
      const original = fsPromises.readFile;
      mock.method(fsPromises, 'readFile', (file: unknown, ...rest: unknown[]) => {
        if (typeof file === 'string' && path.basename(file).startsWith('locales-')) reads.push(path.basename(file));
        return (original as (...args: unknown[]) => unknown)(file, ...rest);
      });
      // The modules import readFile by name: the spy reaches them once the named exports are synced.
      syncBuiltinESMExports();
      let loaded: Awaited<ReturnType<typeof loadCitedBook>>;
      try {
        loaded = await loadCitedBook(project);
      } finally {
        mock.restoreAll();
        syncBuiltinESMExports();
      }
      assert.ok(loaded.book, loaded.files.flatMap((file) => file.messages.map(String)).join('\n'));
      assert.deepEqual(
        reads.filter((name) => name === 'locales-de-DE.xml'),
        ['locales-de-DE.xml'],
      );
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});
