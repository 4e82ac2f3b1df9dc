import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { VFile } from 'vfile';
import { configFileName } from '../config/load.ts';
import type { Book, OutputFiles } from '../core/types.ts';
import { type PreviewRendering, previewPrintHtml, previewSearchIndex, renderPreview } from '../pipeline/preview.ts';
import type { RenderAssets } from '../render/assets.ts';
import { MemoryMemo } from './memory-memo.ts';
import { changedKeys, type PreviewProblem, type PreviewState, printPreviewPage, problemsOf, waitingPage, withClient } from './pages.ts';
import { candidateKeys, contentSecurityPolicy, contentTypeOf, hostAllowed, routeOf } from './routes.ts';

/** What a rebuild tells the command, to print. */
export interface RebuildReport {
  /** Milliseconds from the start of the rebuild to the browsers being told. */
  ms: number;
  /** Every file read, with its diagnostics (or one carrying the error that stopped the rebuild). */
  files: VFile[];
  /** The site files whose bytes changed; undefined when the book did not build. */
  changed: string[] | undefined;
  /** The project-relative inputs the book was built from: what to watch. */
  inputs: string[];
}

/** The last good build, and what is made from it only when asked for. */
interface Good {
  book: Book;
  assets: RenderAssets;
  site: OutputFiles;
  search?: Promise<OutputFiles>;
  /** The print document's HTML (before the preview's additions). */
  print?: Promise<string>;
}

/**
 * `anthology preview`'s server: the site of the last good build from memory, the print document
 * for Paged.js, the reload script and a stream of build states (server-sent events). Rebuilds run
 * one at a time in this process (the citeproc engines stay warm); a change during a rebuild makes
 * one more after it. A rebuild that fails keeps the last good site on show, with its problems drawn
 * over it in every open page.
 */
export class PreviewServer {
  readonly server: Server;
  private build = 0;
  private good: Good | undefined;
  private problems: PreviewProblem[] = [];
  private lastChanged: string[] = [];
  /** Counts the print documents that differed from the one before; the print page compares it with its own. */
  private printVersion = 0;
  private lastPrint: string | undefined;
  private readonly clients = new Set<ServerResponse>();
  private running: Promise<void> | undefined;
  private again = false;
  /** Set once a print page was asked for: from then on each rebuild renders the print document too. */
  private printWanted = false;
  private clientScript: Promise<string> | undefined;
  private polyfill: Promise<string> | undefined;
  /** Parsed chapters and rendered citations between rebuilds, in memory (not `build/.cache`: the preview writes nothing). */
  private readonly memo = new MemoryMemo();

  constructor(
    private readonly projectDir: string,
    private readonly options: { loopbackOnly: boolean; onRebuild(report: RebuildReport): void },
  ) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `preview: ${(error as Error).message}\n`, request.method === 'HEAD');
        else response.destroy();
      });
    });
  }

  /** Rebuilds now, or once more after the rebuild under way; resolves when the book is as the files are. */
  rebuild(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.rebuildOnce();
      } while (this.again);
      this.running = undefined;
    })();
    return this.running;
  }

  /** Ends every event stream and stops the server. */
  async close(): Promise<void> {
    for (const client of this.clients) client.end();
    this.clients.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async rebuildOnce(): Promise<void> {
    const started = performance.now();
    let rendering: PreviewRendering;
    try {
      rendering = await renderPreview(this.projectDir, this.memo);
    } catch (error) {
      // A file the renderers trip on in a way no rule covers yet (a stylesheet deleted mid-save…): shown like a diagnostic, the server carries on.
      const file = new VFile({ path: configFileName, cwd: this.projectDir });
      file.message(`the preview could not rebuild: ${(error as Error).message}`).fatal = true;
      rendering = { files: [file] };
    }
    const inputs = inputsOf(this.projectDir, rendering);
    // A failed rebuild stopped part-way: what it did not reach stays remembered for the next.
    if (rendering.rendered) this.memo.settle();
    else this.memo.abandon();
    if (!rendering.rendered) {
      this.problems = problemsOf(rendering.files);
      this.broadcast(this.state());
      this.options.onRebuild({ ms: performance.now() - started, files: rendering.files, changed: undefined, inputs });
      return;
    }
    const { book, assets, site } = rendering.rendered;
    const changed = changedKeys(this.good?.site, site);
    const first = !this.good;
    this.good = { book, assets, site };
    this.problems = [];
    if (changed.length > 0 || first) this.build += 1;
    this.lastChanged = changed;
    this.broadcast(this.state());
    const ms = performance.now() - started;
    if (this.printWanted) {
      // After the site's pages are told: the print page, slower to lay out, comes second.
      const version = this.printVersion;
      await this.printDocument(this.good);
      if (this.printVersion !== version) this.broadcast(this.state());
    }
    this.options.onRebuild({ ms, files: rendering.files, changed, inputs });
  }

  /** The good build's print document, rendered once; a new version when it differs from the last rendered. */
  private printDocument(good: Good): Promise<string> {
    good.print ??= Promise.resolve().then(() => {
      const html = previewPrintHtml(good.book, good.assets);
      if (html !== this.lastPrint) {
        this.lastPrint = html;
        this.printVersion += 1;
      }
      return html;
    });
    return good.print;
  }

  private state(): PreviewState {
    return { build: this.build, print: this.printVersion, problems: this.problems, changed: this.lastChanged };
  }

  private broadcast(state: PreviewState): void {
    const message = `event: state\ndata: ${JSON.stringify(state)}\n\n`;
    for (const client of this.clients) client.write(message);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const head = request.method === 'HEAD';
    if (!hostAllowed(request.headers.host, this.options.loopbackOnly)) {
      send(response, 403, 'text/plain; charset=utf-8', 'preview: this server answers only to localhost and 127.0.0.1\n', head);
      return;
    }
    const route = routeOf(request.method, request.url);
    switch (route.kind) {
      case 'method-not-allowed':
        response.setHeader('Allow', 'GET, HEAD');
        send(response, 405, 'text/plain; charset=utf-8', 'preview: only GET and HEAD\n', head);
        return;
      case 'bad-request':
        send(response, 400, 'text/plain; charset=utf-8', 'preview: not an address of the book\n', head);
        return;
      case 'events':
        this.stream(request, response);
        return;
      case 'client':
        this.clientScript ??= readFile(new URL('./client/client.js', import.meta.url), 'utf8');
        send(response, 200, contentTypeOf('client.js'), await this.clientScript, head);
        return;
      case 'pagedjs':
        // The adapter loads esbuild: only when a print page asks for Paged.js.
        this.polyfill ??= import('../adapters/page-script.ts').then(({ pagedjsPolyfill }) => pagedjsPolyfill());
        send(response, 200, contentTypeOf('paged.polyfill.js'), await this.polyfill, head);
        return;
      case 'print': {
        this.printWanted = true;
        const good = this.good;
        const html = good ? printPreviewPage(await this.printDocument(good), this.printVersion) : waitingPage('Print preview');
        send(response, 200, contentTypeOf('print.html'), html, head);
        return;
      }
      case 'site':
        await this.sendSiteFile(route.key, response, head);
        return;
    }
  }

  private async sendSiteFile(key: string, response: ServerResponse, head: boolean): Promise<void> {
    const good = this.good;
    if (!good) {
      const page = key.endsWith('.html') || !path.posix.extname(key);
      send(response, page ? 200 : 404, 'text/html; charset=utf-8', waitingPage('anthology preview'), head);
      return;
    }
    let files = good.site;
    if (key.startsWith('pagefind/')) {
      // The search index only when the search page asks for it: a reload never waits for it.
      good.search ??= previewSearchIndex(good.book, good.site);
      files = await good.search;
    }
    for (const candidate of candidateKeys(key)) {
      const bytes = files.get(candidate);
      if (bytes === undefined) continue;
      const type = contentTypeOf(candidate);
      send(response, 200, type, type.startsWith('text/html') ? withClient(String(bytes), this.build) : bytes, head);
      return;
    }
    send(response, 404, 'text/html; charset=utf-8', withClient(notFoundPage(key), this.build), head);
  }

  private stream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    // The current state at once: a page served while the book is broken draws the problems.
    response.write(`retry: 500\nevent: state\ndata: ${JSON.stringify(this.state())}\n\n`);
    this.clients.add(response);
    request.on('close', () => this.clients.delete(response));
  }
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array, head: boolean): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': bytes.byteLength,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': contentSecurityPolicy,
    'Referrer-Policy': 'no-referrer',
  });
  response.end(head ? undefined : bytes);
}

function notFoundPage(key: string): string {
  const escaped = key.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not in the book</title></head><body><main><h1>Not in the book</h1><p>The site has no file <code>${escaped}</code>. <a href="/">Contents</a></p></main></body></html>`;
}

/** The project-relative files the book was made from (chapters, style, pictures, cover), or, when it did not build, those its diagnostics name. */
function inputsOf(projectDir: string, rendering: PreviewRendering): string[] {
  const fromFiles = rendering.files.map((file) => path.relative(projectDir, path.resolve(file.cwd, file.path)));
  const book = rendering.rendered?.book;
  if (!book) return fromFiles;
  return [
    ...fromFiles,
    ...book.chapters.map((chapter) => chapter.path),
    book.config.style,
    ...(book.images?.keys() ?? []),
    ...(book.config.cover ? [book.config.cover] : []),
  ];
}
