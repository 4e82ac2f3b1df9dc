/**
 * Makes the pictures of the image test book, deterministically, from arithmetic alone (no fonts,
 * no found files): `node --import tsx tests/books/images/make-images.ts`. The files are committed;
 * run it again only to change them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = path.dirname(fileURLToPath(import.meta.url));
const images = path.join(here, 'chapters', 'images');

/** An RGB picture whose every pixel is `colour(x, y)`. */
function raster(width: number, height: number, colour: (x: number, y: number) => [number, number, number]) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colour(x, y);
      pixels.set([r, g, b], (y * width + x) * 3);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

const clamp = (value: number) => Math.max(0, Math.min(255, Math.round(value)));

/** A harbour at dusk: sky gradient, a sun, water with ripples. 1800 × 1200, JPEG. */
const harbour = raster(1800, 1200, (x, y) => {
  const horizon = 720;
  const sun = Math.hypot(x - 1250, y - 560) < 140;
  if (y < horizon) return sun ? [250, 214, 120] : [clamp(40 + y * 0.28), clamp(60 + y * 0.12), clamp(120 - y * 0.05)];
  const ripple = Math.sin(x / 23 + Math.sin(y / 7) * 2) * 18;
  return [clamp(30 + ripple), clamp(60 + ripple + (y - horizon) * 0.05), clamp(90 + ripple)];
});

/** A bar chart: five bars on a light ground. 1500 × 900, PNG at 300 ppi. */
const bars = [0.35, 0.6, 0.45, 0.8, 0.7];
const chart = raster(1500, 900, (x, y) => {
  const bar = Math.floor((x - 150) / 260);
  const inBar = bar >= 0 && bar < bars.length && (x - 150) % 260 < 180 && y > 820 - (bars[bar] ?? 0) * 700 && y < 820;
  if (inBar) return [40 + bar * 30, 90, 140 - bar * 15];
  if (y === 820 || y === 821 || x === 150 || x === 151) return [30, 30, 30];
  return [250, 249, 244];
});

/** A small checkered badge: 200 × 150, GIF (too small for print: the book warns). */
const badge = raster(200, 150, (x, y) => ((Math.floor(x / 25) + Math.floor(y / 25)) % 2 === 0 ? [122, 46, 31] : [240, 230, 210]));

/** Contour lines of a hill: 1600 × 1000, WebP (the EPUB carries it as PNG). */
const contours = raster(1600, 1000, (x, y) => {
  const height = Math.exp(-((x - 700) ** 2 + (y - 450) ** 2) / 180000) * 100 + Math.exp(-((x - 1200) ** 2 + (y - 700) ** 2) / 60000) * 60;
  const line = Math.abs((height % 10) - 5) < 0.6;
  return line ? [60, 70, 50] : [clamp(200 + height * 0.3), clamp(215 + height * 0.2), clamp(180 - height * 0.4)];
});

/** The cover: a night sky over a dark sea, 1400 × 2100, JPEG (portrait, as stores ask). */
const cover = raster(1400, 2100, (x, y) => {
  const star = (x * 7919 + y * 104729) % 9973 === 0;
  if (y < 1500) return star ? [240, 240, 220] : [clamp(20 + y * 0.03), clamp(30 + y * 0.04), clamp(70 + y * 0.05)];
  const ripple = Math.sin(x / 31 + y / 9) * 10;
  return [clamp(15 + ripple), clamp(35 + ripple), clamp(60 + ripple)];
});

const diagram = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300" viewBox="0 0 600 300">
  <title>Three stages joined by arrows</title>
  <rect width="600" height="300" fill="#fdfcf8"/>
  <g fill="#f0e6d2" stroke="#7a2e1f" stroke-width="4">
    <rect x="30" y="110" width="140" height="80" rx="10"/>
    <rect x="230" y="110" width="140" height="80" rx="10"/>
    <rect x="430" y="110" width="140" height="80" rx="10"/>
  </g>
  <g stroke="#1d1d1b" stroke-width="4" fill="none">
    <path d="M170 150 H222 M212 140 L222 150 L212 160"/>
    <path d="M370 150 H422 M412 140 L422 150 L412 160"/>
  </g>
</svg>
`;

await mkdir(path.join(images, 'harbour'), { recursive: true });
await mkdir(path.join(images, 'charts'), { recursive: true });
await writeFile(path.join(images, 'harbour', 'harbour-at-dusk.jpg'), await harbour.jpeg({ quality: 82, mozjpeg: true }).toBuffer());
await writeFile(path.join(images, 'charts', 'five-bars.png'), await chart.withMetadata({ density: 300 }).png({ compressionLevel: 9 }).toBuffer());
await writeFile(path.join(images, 'charts', 'badge.gif'), await badge.gif().toBuffer());
await writeFile(path.join(images, 'harbour', 'contours.webp'), await contours.webp({ quality: 80 }).toBuffer());
await writeFile(path.join(images, 'charts', 'stages.svg'), diagram);
await writeFile(path.join(here, 'cover.jpg'), await cover.jpeg({ quality: 80, mozjpeg: true }).toBuffer());
