import { chromiumArgs } from './chromium.ts';

/** The part of pagedjs-cli's Printer we use (it ships no types). */
interface PagedPrinter {
  on(event: 'page', listener: (page: unknown) => void): void;
  pdf(input: string, options: { outlineTags: string[] }): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface PrintOptions {
  /** Absolute path of the HTML document to paginate. Only files under its folder may load. */
  htmlPath: string;
  allowedDirectory: string;
  chromiumPath: string;
  /** Milliseconds; long books need minutes, not puppeteer's 30 s default. */
  timeout: number;
  onPage?: (pageCount: number) => void;
}

/**
 * Paginates an HTML file with Paged.js in headless Chromium (pagedjs-cli's Printer) and returns
 * the PDF. The browser is always closed, on success, error or Ctrl-C. Remote requests are refused.
 */
export async function printWithPagedjs(options: PrintOptions): Promise<Uint8Array> {
  // puppeteer reads its executable path when it is first imported.
  process.env.PUPPETEER_EXECUTABLE_PATH = options.chromiumPath;
  const { default: Printer } = (await import('pagedjs-cli')) as unknown as { default: new (settings: Record<string, unknown>) => PagedPrinter };
  const printer = new Printer({
    headless: true,
    allowLocal: true,
    allowRemote: false,
    // A non-empty allow-list switches request interception on, which is what enforces allowRemote.
    allowedPaths: [options.allowedDirectory],
    browserArgs: chromiumArgs,
    timeout: options.timeout,
    closeAfter: false,
  });
  let pages = 0;
  printer.on('page', () => {
    pages += 1;
    options.onPage?.(pages);
  });
  const closeOnSignal = () => {
    void printer.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', closeOnSignal);
  process.once('SIGTERM', closeOnSignal);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Paged.js did not finish within ${Math.round(options.timeout / 1000)} s`)), options.timeout);
    });
    return await Promise.race([printer.pdf(options.htmlPath, { outlineTags: ['h1'] }), timeout]);
  } finally {
    clearTimeout(timer);
    process.off('SIGINT', closeOnSignal);
    process.off('SIGTERM', closeOnSignal);
    await printer.close().catch(() => undefined);
  }
}
