import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { webAddress } from '../import/images.ts';

/**
 * Downloads the pictures an imported post shows from the web (`anthology import --fetch-images`):
 * the only network access anthology makes, and only when asked. An address comes from someone
 * else's post, so each one is treated as untrusted: http or https only, at most five redirects
 * (each checked again), a size cap read as the bytes arrive, a time limit, and no address on this
 * machine or a private network unless the editor allows it (`--fetch-local`), checked on the
 * addresses the name resolves to, where the connection is made.
 */

export interface FetchImageOptions {
  /** Also fetch from loopback, private and link-local addresses (an intranet blog). */
  allowLocal: boolean;
  /** Bytes at most (default 32 MB). */
  maxBytes?: number;
  /** Milliseconds for the whole download, redirects included (default 60 s). */
  timeoutMs?: number;
  userAgent: string;
}

export type FetchedImage = { bytes: Uint8Array; format: ImageFormat; url: string } | { problem: string };

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'svg' | 'avif' | 'tiff' | 'heif';

const maxRedirects = 5;

/** Loopback, private, link-local, shared, multicast and reserved ranges (RFC 6890), IPv4 and IPv6. */
const localRanges = (() => {
  const list = new BlockList();
  for (const [network, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 3],
  ] as const)
    list.addSubnet(network, prefix, 'ipv4');
  // With the forms that carry an IPv4 address (IPv4-compatible, NAT64, 6to4: checked by that
  // address below), the old site-local and discard ranges, and documentation's.
  for (const [network, prefix] of [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
    ['fec0::', 10],
    ['ff00::', 8],
    ['100::', 64],
    ['2001:db8::', 32],
  ] as const)
    list.addSubnet(network, prefix, 'ipv6');
  return list;
})();

/** Whether an IP address is on this machine or a network that is not the public internet. */
export function isLocalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return localRanges.check(address, 'ipv4');
  const embedded = embeddedIpv4(address);
  if (embedded !== undefined) return localRanges.check(embedded, 'ipv4');
  return localRanges.check(address, 'ipv6');
}

/**
 * The IPv4 address an IPv6 one carries: IPv4-mapped `::ffff:a.b.c.d` and IPv4-compatible
 * `::a.b.c.d` (the last 32 bits), NAT64 `64:ff9b::/96` and `64:ff9b:1::/48` (the last 32 bits), 6to4
 * `2002:AABB:CCDD::` (bits 16–47). Through each, an address on this machine or a private network
 * can be reached.
 */
function embeddedIpv4(address: string): string | undefined {
  const words = ipv6Words(address);
  if (!words) return undefined;
  const v4 = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  const zero = (from: number, to: number) => words.slice(from, to).every((word) => word === 0);
  if (zero(0, 5) && (words[5] === 0xffff || words[5] === 0)) return v4(words[6]!, words[7]!);
  if (words[0] === 0x64 && words[1] === 0xff9b && (zero(2, 6) || words[2] === 1)) return v4(words[6]!, words[7]!);
  if (words[0] === 0x2002) return v4(words[1]!, words[2]!);
  return undefined;
}

/** An IPv6 address as its eight 16-bit words (a dotted IPv4 tail read as two). */
function ipv6Words(address: string): number[] | undefined {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const part = (side: string) => (side === '' ? [] : side.split(':').map((word) => Number.parseInt(word, 16)));
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  const words = tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
  return words.length === 8 && words.every((word) => Number.isInteger(word) && word >= 0 && word <= 0xffff) ? words : undefined;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A DNS lookup for `http.get` that refuses a name resolving to a local address. */
function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const local = addresses.find((entry) => isLocalAddress(entry.address));
    if (local) {
      const refused: NodeJS.ErrnoException = new Error(`${hostname} is on this machine or a private network (${local.address})`);
      refused.code = 'ANTHOLOGY_LOCAL_ADDRESS';
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
    callback(null, first.address, first.family);
  });
}

/** The picture at `url`, checked to be one, or why it could not be fetched. */
export async function fetchImage(url: string, options: FetchImageOptions): Promise<FetchedImage> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? 60_000);
  let address = webAddress(url);
  if (!address) return { problem: 'not a web address' };
  for (let hop = 0; hop <= maxRedirects; hop++) {
    if (address.protocol !== 'http:' && address.protocol !== 'https:') return { problem: `not an http or https address (${address.protocol})` };
    const host = address.hostname.replace(/^\[|\]$/g, '');
    if (!options.allowLocal && isLocalAddress(host)) return { problem: `${host} is on this machine or a private network; --fetch-local allows it` };
    let response: IncomingMessage;
    try {
      response = await request(address, options, signal);
    } catch (error) {
      return { problem: describeFailure(error as NodeJS.ErrnoException, signal) };
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.resume();
      try {
        address = new URL(location, address);
      } catch {
        return { problem: `the server redirected to an address that is not one (${location.slice(0, 80)})` };
      }
      continue;
    }
    if (status !== 200) {
      response.resume();
      return { problem: `the server answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}` };
    }
    const body = await readCapped(response, options.maxBytes ?? 32 * 1024 * 1024, signal);
    if ('problem' in body) return body;
    const format = imageFormat(body.bytes);
    if (!format) return { problem: `not a picture: the server sent ${response.headers['content-type'] ?? 'no content type'}` };
    return { bytes: body.bytes, format, url: address.href };
  }
  return { problem: `more than ${maxRedirects} redirects` };
}

function request(address: URL, options: FetchImageOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const get = address.protocol === 'https:' ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const outgoing = get(
      address,
      {
        signal,
        headers: { 'user-agent': options.userAgent, accept: 'image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8' },
        ...(options.allowLocal ? {} : { lookup: guardedLookup as never }),
      },
      resolve,
    );
    outgoing.on('error', reject);
  });
}

function readCapped(response: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<{ bytes: Uint8Array } | { problem: string }> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.resolve({ problem: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB (${Math.round(declared / 1024 / 1024)} MB)` });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        response.destroy();
        resolve({ problem: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB` });
      } else chunks.push(chunk);
    });
    response.on('end', () => resolve({ bytes: new Uint8Array(Buffer.concat(chunks)) }));
    response.on('error', (error: NodeJS.ErrnoException) => resolve({ problem: describeFailure(error, signal) }));
    response.on('close', () => {
      if (!response.complete) resolve({ problem: signal.aborted ? 'the download took too long' : 'the download was cut off' });
    });
  });
}

function describeFailure(error: NodeJS.ErrnoException, signal: AbortSignal): string {
  if (signal.aborted) return 'the download took too long';
  if (error.code === 'ANTHOLOGY_LOCAL_ADDRESS') return `${error.message}; --fetch-local allows it`;
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return 'no such server';
  if (error.code === 'ECONNREFUSED') return 'the server refused the connection';
  return error.code ?? error.message;
}

/** The picture format the bytes begin with (as sharp will read them at build), or undefined. */
export function imageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (/^(?:heic|heix|mif1|msf1)$/.test(brand)) return 'heif';
  }
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff';
  const head = new TextDecoder().decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'svg';
  return undefined;
}
