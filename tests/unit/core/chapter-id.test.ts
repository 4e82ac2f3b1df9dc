import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chapterFileId, chapterIdOf, chapterIdPattern } from '../../../src/core/chapter-id.ts';

describe('chapter ids', () => {
  it('a file name becomes its id: accents dropped, not turned into hyphens; lower-case; spaces and dashes one hyphen', () => {
    // The file name testers released with (the record stored it verbatim; the site page was `Paving-the-Silk-Road-u-ni-code.html`).
    assert.equal(chapterFileId('chapters/Paving the Silk Road — ünïcode.md'), 'paving-the-silk-road-unicode');
    assert.equal(chapterFileId('chapters/My Essay.md'), 'my-essay');
    assert.equal(chapterFileId('chapters\\gb\\Hello_World.markdown'), 'hello-world');
    assert.equal(chapterFileId('chapters/2019-03-04-the-sco.md'), '2019-03-04-the-sco');
    assert.equal(chapterFileId('chapters/Straße Œuvre Łódź.md'), 'strasse-oeuvre-lodz');
  });

  it('a letter with no ASCII spelling is written by its code point, so two such names never share an id', () => {
    assert.equal(chapterIdOf('東京'), 'u6771-u4eac');
    assert.notEqual(chapterIdOf('東京'), chapterIdOf('大阪'));
    assert.equal(chapterIdOf('Café 東京'), 'cafe-u6771-u4eac');
    assert.equal(chapterIdOf('— —'), 'chapter');
  });

  it('every id made is one `id:` accepts, and an id is its own id', () => {
    for (const name of ['My Essay', 'ünïcode', '東京', '_index', '--x--', 'Ωμέγα', 'a.b.c', '1']) {
      const id = chapterIdOf(name);
      assert.match(id, chapterIdPattern, name);
      assert.equal(chapterIdOf(id), id, name);
    }
  });
});
