import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { svgActiveContent } from '../../../src/load/svg.ts';
import { repoRoot } from '../../helpers/project.ts';

const svg = (inner: string, attributes = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"${attributes}>${inner}</svg>`;

describe('an SVG that would run script or load a file from outside is named', () => {
  it('a drawing, its own gradients and inline pictures, and links out are fine', () => {
    assert.equal(svgActiveContent(readFileSync(`${repoRoot}/tests/books/images/chapters/images/charts/stages.svg`, 'utf8')), undefined);
    assert.equal(svgActiveContent(svg('<linearGradient id="g"/><rect style="fill:url(#g)"/><use href="#g"/>')), undefined);
    assert.equal(svgActiveContent(svg('<image href="data:image/png;base64,AAAA"/><style>rect { fill: url(#g) }</style>')), undefined);
    assert.equal(svgActiveContent(svg('<a xlink:href="https://example.org"><rect/></a>')), undefined);
  });

  it('script, handlers and script addresses, however written', () => {
    const found = (text: string) => svgActiveContent(text) ?? '';
    assert.match(found(svg('<script>alert(1)</script>')), /<script> element/);
    assert.match(found(svg('<svg:script xmlns:svg="http://www.w3.org/2000/svg">x</svg:script>')), /<svg:script> element/);
    assert.match(found(svg('<rect/>', ' onload="alert(1)"')), /onload handler on <svg>/);
    assert.match(found(svg('<a href="&#106;avascript:alert(1)"><rect/></a>')), /script address \(href="javascript:alert\(1\)"\)/);
    // A diagram's labels (draw.io, Mermaid) are HTML in a foreignObject: fine, but not what could run or load in it.
    assert.equal(svgActiveContent(svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml" style="color: red">Label</div></foreignObject>')), undefined);
    assert.match(found(svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml" onclick="x()">x</div></foreignObject>')), /onclick handler on <div>/);
    assert.match(
      found(svg('<foreignObject><img xmlns="http://www.w3.org/1999/xhtml" src="https://t.example/p.gif"/></foreignObject>')),
      /loads a file from outside \(<img src=/,
    );
    assert.match(found(svg('<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="x.html"/></foreignObject>')), /<iframe> element/);
    // Every attribute that loads, follows or submits (a reviewer's cases): srcset candidates, poster, background, ping, forms.
    const inHtml = (inner: string) => found(svg(`<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">${inner}</div></foreignObject>`));
    assert.match(inHtml('<img src="#a" srcset="https://t.example/p.png 2x"/>'), /loads a file from outside \(<img srcset=/);
    assert.match(inHtml('<video poster="https://t.example/p.png"/>'), /<video poster=/);
    assert.match(inHtml('<table background="https://t.example/b.png"/>'), /<table background=/);
    assert.match(inHtml('<a href="https://example.org" ping="https://t.example/">x</a>'), /<a ping=/);
    assert.match(inHtml('<form action="javascript:alert(1)"><button>x</button></form>'), /<form> element/);
    assert.match(inHtml('<button formaction="javascript:alert(1)">x</button>'), /script address \(formaction=/);
    assert.equal(inHtml('<a href="https://example.org">a link out</a>'), '');
    assert.match(found(svg('<set attributeName="onmouseover" to="alert(1)"/>')), /sets onmouseover by animation/);
    assert.match(found(svg('<animate attributeName="xlink:href" to="javascript:alert(1)"/>')), /sets href by animation/);
    assert.match(found(`<!DOCTYPE svg [<!ENTITY a "javascript">]>${svg('<a href="&a;:x"/>')}`), /declares XML entities/);
  });

  it('files from outside: pictures, uses and styles that load them', () => {
    const found = (text: string) => svgActiveContent(text) ?? '';
    assert.match(found(svg('<image href="https://example.com/x.png"/>')), /loads a file from outside \(<image href=/);
    assert.match(found(svg('<use xlink:href="sprites.svg#icon"/>')), /loads a file from outside \(<use xlink:href="sprites\.svg#icon">\)/);
    assert.match(found(svg('<style>@import url(https://example.com/a.css);</style>')), /in its style/);
    assert.match(found(svg('<rect style="fill:url(https://example.com/p.svg#a)"/>')), /in its style/);
  });
});
