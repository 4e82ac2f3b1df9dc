import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImageFile } from '../../../src/core/types.ts';
import { withoutExternalDtd } from '../../../src/render/epub/svg-doctype.ts';

const svg = (text: string): ImageFile => ({ path: 'images/a.svg', mediaType: 'image/svg+xml', bytes: new TextEncoder().encode(text) });
const text = (image: ImageFile) => new TextDecoder().decode(image.bytes);

describe('an SVG picture in the EPUB names no external DTD (epubcheck OPF-073 and HTM-003)', () => {
  it('matplotlib’s DOCTYPE is taken out, the rest kept byte for byte (cs6120’s polyhedral post, domain.svg)', () => {
    // The head of domain.svg as matplotlib wrote it (sampsyo/cs6120, content/blog/2023-12-11-polyhedral/).
    const head =
      '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="307.482pt" height="330.83825pt" viewBox="0 0 307.482 330.83825" xmlns="http://www.w3.org/2000/svg" version="1.1">\n</svg>\n';
    assert.equal(
      text(withoutExternalDtd(svg(head))),
      '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="307.482pt" height="330.83825pt" viewBox="0 0 307.482 330.83825" xmlns="http://www.w3.org/2000/svg" version="1.1">\n</svg>\n',
    );
  });

  it('an internal subset (Illustrator’s namespace entities) is kept without the external identifier', () => {
    const out = text(
      withoutExternalDtd(
        svg(
          '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [\n\t<!ENTITY ns_svg "http://www.w3.org/2000/svg">\n]>\n<svg xmlns="&ns_svg;"/>',
        ),
      ),
    );
    assert.equal(out, '<!DOCTYPE svg [\n\t<!ENTITY ns_svg "http://www.w3.org/2000/svg">\n]>\n<svg xmlns="&ns_svg;"/>');
  });

  it('an SVG without a DOCTYPE, and other pictures, are the same object', () => {
    const plain = svg('<svg xmlns="http://www.w3.org/2000/svg"/>');
    assert.equal(withoutExternalDtd(plain), plain);
    const png: ImageFile = { path: 'images/a.png', mediaType: 'image/png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) };
    assert.equal(withoutExternalDtd(png), png);
  });
});
