import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { report } from '../../../src/core/rules.ts';
import { changedKeys, printPreviewPage, problemsOf, waitingPage, withClient } from '../../../src/preview/pages.ts';

describe('preview pages', () => {
  it('puts the reload script, as a file, and the build number before </head>', () => {
    const page = withClient('<!doctype html><html><head><title>T</title></head><body><script src="notes.js"></script></body></html>', 7);
    assert.equal(
      page,
      '<!doctype html><html><head><title>T</title><meta name="anthology-preview-build" content="7"><script src="/__preview/client.js" defer></script></head><body><script src="notes.js"></script></body></html>',
    );
    assert.doesNotMatch(page, /<script>(?!<)/, 'no inline script');
  });

  it('sets the print document up for Paged.js: the polyfill before the reload script', () => {
    const page = printPreviewPage(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><style>@font-face{src:url(fonts/a.woff2)}</style></head><body></body></html>',
      2,
    );
    assert.match(page, /^<!doctype html><html lang="en"><head><meta charset="utf-8"><style>/);
    assert.match(
      page,
      /<script src="\/__preview\/paged\.polyfill\.js"><\/script><meta name="anthology-preview-build" content="2"><script src="\/__preview\/client\.js" defer><\/script><\/head>/,
    );
  });

  it('escapes the title of the page shown before the book built', () => {
    const page = waitingPage('<img src=x onerror=alert(1)>');
    assert.doesNotMatch(page, /<img/);
    assert.match(page, /content="0"/);
  });

  it('lists the errors with file, line, column and rule, leaving warnings to the terminal', () => {
    const file = new VFile({ path: 'chapters/a.md', value: 'x' });
    report(file, 'yaml-syntax', 'bad YAML', { line: 3, column: 9 });
    report(file, 'image-alt-missing', 'no alt', { line: 5, column: 1 });
    assert.deepEqual(problemsOf([file]), [{ file: 'chapters/a.md', line: 3, column: 9, severity: 'error', reason: 'bad YAML', rule: 'yaml-syntax' }]);
  });

  it('finds the keys whose bytes changed, were added or removed', () => {
    const before = new Map<string, string | Uint8Array>([
      ['index.html', 'a'],
      ['a.html', 'x'],
      ['fonts/f.woff2', new Uint8Array([1, 2])],
      ['gone.html', 'g'],
    ]);
    const after = new Map<string, string | Uint8Array>([
      ['index.html', 'a'],
      ['a.html', 'y'],
      ['fonts/f.woff2', new Uint8Array([1, 2])],
      ['new.html', 'n'],
    ]);
    assert.deepEqual(changedKeys(before, after), ['a.html', 'gone.html', 'new.html']);
    assert.deepEqual(changedKeys(undefined, after), ['a.html', 'fonts/f.woff2', 'index.html', 'new.html']);
    assert.deepEqual(changedKeys(after, new Map(after)), []);
  });
});
