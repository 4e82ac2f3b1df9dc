// Types of `pagefind-shards.mjs` (plain JavaScript, which the Pagefind worker loads from the sources).
export type Pagefind = typeof import('pagefind');

export interface Request {
  language: string;
  shards: string[][];
  pages?: Record<string, string> | undefined;
  folder?: string | undefined;
}

export function startService(pagefind: Pagefind): Promise<void>;

export function indexShards(pagefind: Pagefind, request: Request, started: Promise<void>): Promise<[string, Uint8Array][][]>;
