import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import GithubSlugger from 'github-slugger';
import type { ChapterFrontMatter } from '../../../src/config/schema.ts';
import { chapterFileId, chapterIdOf, chapterIdPattern, maxIdLength } from '../../../src/core/chapter-id.ts';
import { pieceSlug } from '../../../src/import/slug.ts';

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

  // The title of postlight/parser's fixtures/takagi-hiromitsu.jp.html (a tDiary page): spelt by code
  // points its id was ~330 letters, and writing `<id>.html` failed with ENAMETOOLONG.
  const longTitle = '改正NICT法がプチ炎上、工場出荷時共通初期パスワードが識別符号に当たらないことが理解されていない';
  it('a long id is cut to maxIdLength and ends with a hash of the whole, so two long names keep two ids', () => {
    const id = chapterIdOf(longTitle);
    assert.ok(id.length <= maxIdLength, `${id.length}`);
    assert.match(id, /^u6539-u6b63-nict-u6cd5-.*-[0-9a-f]{8}$/);
    assert.notEqual(id, chapterIdOf(`${longTitle}だ`));
    assert.equal(chapterIdOf('a'.repeat(maxIdLength)), 'a'.repeat(maxIdLength), 'up to the limit, unchanged');
  });

  it('an imported piece’s slug gives an id of at most 60 letters, cutting a title written without spaces by letters', () => {
    const slug = pieceSlug({ title: longTitle } as ChapterFrontMatter, new GithubSlugger());
    assert.ok(chapterIdOf(slug).length <= 60, chapterIdOf(slug));
    assert.match(slug, /^改正nict法/);
  });

  it('every id made is one `id:` accepts, and an id is its own id', () => {
    for (const name of ['My Essay', 'ünïcode', '東京', '_index', '--x--', 'Ωμέγα', 'a.b.c', '1', longTitle]) {
      const id = chapterIdOf(name);
      assert.match(id, chapterIdPattern, name);
      assert.equal(chapterIdOf(id), id, name);
    }
  });
});
