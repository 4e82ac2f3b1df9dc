import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { systemFontsState } from '../../../src/adapters/chromium.ts';

// The PDF's cached pages are keyed by the fonts Chromium may fall back on: installing the emoji
// font (fonts-noto-color-emoji, after a build printed empty boxes) must print the pages again.
test('installing a font in a font folder changes the state the PDF cache is keyed by; a missing folder is nothing', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'anthology-fonts-'));
  try {
    const fonts = path.join(root, 'share/fonts');
    mkdirSync(path.join(fonts, 'truetype/dejavu'), { recursive: true });
    writeFileSync(path.join(fonts, 'truetype/dejavu/DejaVuSans.ttf'), 'a font');
    const before = await systemFontsState([fonts, path.join(root, 'missing')]);
    assert.equal(before.length, 1);
    mkdirSync(path.join(fonts, 'truetype/noto'));
    writeFileSync(path.join(fonts, 'truetype/noto/NotoColorEmoji.ttf'), 'emoji');
    const after = await systemFontsState([fonts, path.join(root, 'missing')]);
    assert.equal(after.length, 2);
    assert.notDeepEqual(after, before);
    assert.deepEqual(await systemFontsState([fonts]), after, 'the same fonts, the same state');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
