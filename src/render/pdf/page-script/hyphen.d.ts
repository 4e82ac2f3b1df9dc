/** The `hyphen` package's engine (a UMD module without types): Liang's algorithm over its pattern data. */
declare module 'hyphen/hyphen.js' {
  export default function createHyphenator(
    patterns: unknown,
    options?: { hyphenChar?: string; html?: boolean; minWordLength?: number },
  ): (text: string) => string;
}
