import { type TrimSize, trimSizes } from '../../config/schema.ts';

export interface TrimDesign {
  top: string;
  bottom: string;
  inner: string;
  outer: string;
  fontSize: string;
}

/** Margins (inner = spine side) and body size per trim: a text block of about 60–70 characters. */
export const trimDesigns: Record<TrimSize, TrimDesign> = {
  '6x9in': { top: '17mm', bottom: '22mm', inner: '20mm', outer: '16mm', fontSize: '10.5pt' },
  a5: { top: '16mm', bottom: '21mm', inner: '19mm', outer: '15mm', fontSize: '10pt' },
  royal: { top: '18mm', bottom: '23mm', inner: '21mm', outer: '17mm', fontSize: '10.5pt' },
  'us-letter': { top: '24mm', bottom: '28mm', inner: '32mm', outer: '26mm', fontSize: '11.5pt' },
};

const inchesPer: Record<string, number> = { in: 1, mm: 1 / 25.4, cm: 1 / 2.54, pt: 1 / 72, pc: 1 / 6, px: 1 / 96 };

/** A CSS length in in, mm, cm, pt, pc or px as inches; undefined for anything else. */
export function lengthInInches(length: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(in|mm|cm|pt|pc|px)\s*$/.exec(length);
  const factor = match?.[2] ? inchesPer[match[2]] : undefined;
  return match && factor !== undefined ? Number(match[1]) * factor : undefined;
}

/** The text block of a page of this trim, in inches: what a figure may fill at most. */
export function textBlockInches(trim: TrimSize): { width: number; height: number } {
  const size = trimSizes[trim];
  const design = trimDesigns[trim];
  const inches = (length: string) => lengthInInches(length) ?? 0;
  return {
    width: inches(size.width) - inches(design.inner) - inches(design.outer),
    height: inches(size.height) - inches(design.top) - inches(design.bottom),
  };
}
