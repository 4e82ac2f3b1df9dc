import path from 'node:path';

/**
 * What a request to the preview server asks for. Only two kinds of thing are ever served: a file
 * of the site as rendered in memory (looked up by its key, never through the file system) and the
 * preview's own few assets under `/__preview/`, so no address can reach a file of the project.
 */
export type Route =
  | { kind: 'site'; key: string }
  | { kind: 'print' }
  | { kind: 'client' }
  | { kind: 'events' }
  | { kind: 'pagedjs' }
  | { kind: 'bad-request' }
  | { kind: 'method-not-allowed' };

/** The preview's own addresses: under a prefix no site file can have (`safeId` never starts with `_`). */
const previewPrefix = '/__preview/';
export const printPath = `${previewPrefix}print.html`;
export const clientPath = `${previewPrefix}client.js`;
const eventsPath = `${previewPrefix}events`;
export const pagedjsPath = `${previewPrefix}paged.polyfill.js`;

/** The route of a request line: GET and HEAD only; the path decoded and checked before it becomes a key. */
export function routeOf(method: string | undefined, rawUrl: string | undefined): Route {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'method-not-allowed' };
  const key = siteKeyOf(rawUrl ?? '/');
  if (key === undefined) return { kind: 'bad-request' };
  switch (`/${key}`) {
    case printPath:
      return { kind: 'print' };
    case clientPath:
      return { kind: 'client' };
    case eventsPath:
      return { kind: 'events' };
    case pagedjsPath:
      return { kind: 'pagedjs' };
    default:
      // The print page lives under the prefix, and Paged.js resolves its stylesheet's fonts against the page's own address: the same site files there.
      return { kind: 'site', key: key.startsWith(previewPrefix.slice(1)) ? key.slice(previewPrefix.length - 1) : key };
  }
}

/**
 * The site key (`index.html`, `fonts/x.woff2`) a request path names, or undefined when the path is
 * not one a rendered file can have: a `..` or `.` segment (even percent-encoded; the URL parser
 * resolves the plain ones, so they are checked again after decoding), a backslash, a NUL, an
 * encoded slash, bad percent-encoding. A folder's address is its `index.html`.
 */
export function siteKeyOf(rawUrl: string): string | undefined {
  if (!rawUrl.startsWith('/')) return undefined;
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '/';
  if (/%2f|%5c/i.test(rawPath)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (/[\\\0]/.test(decoded)) return undefined;
  const segments = decoded.split('/').slice(1);
  if (segments.some((segment, index) => segment === '..' || segment === '.' || (segment === '' && index < segments.length - 1))) return undefined;
  const key = segments.join('/');
  if (key !== path.posix.normalize(key) && key !== '') return undefined;
  return key === '' || key.endsWith('/') ? `${key}index.html` : key;
}

/** The keys to try for a site key: itself, then `about` → `about.html` as static hosts do. */
export function candidateKeys(key: string): string[] {
  return path.posix.extname(key) === '' ? [key, `${key}.html`, `${key}/index.html`] : [key];
}

/**
 * Whether a request's Host header may be answered. A server on the loopback address answers only
 * to loopback names, so a web page elsewhere cannot read the book through DNS rebinding; bound to
 * the network (`--host`), it answers to any.
 */
export function hostAllowed(hostHeader: string | undefined, loopbackOnly: boolean): boolean {
  if (!loopbackOnly) return true;
  if (!hostHeader) return false;
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.replace(/:\d+$/, '');
  return ['localhost', '127.0.0.1', '[::1]'].includes(name.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(name);
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type of a site file by its extension; anything else (Pagefind's index chunks) is opaque bytes. */
export function contentTypeOf(key: string): string {
  return contentTypes[path.posix.extname(key).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The Content-Security-Policy every response carries: nothing loads from anywhere but the preview
 * (the book makes no network requests, and the preview shows it if a page tried), scripts only
 * from files (the reload script is one, never inline), WebAssembly for Pagefind's search, inline
 * styles for Paged.js, which writes its page styles into `<style>` elements.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
