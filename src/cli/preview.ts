import { existsSync } from 'node:fs';
import path from 'node:path';
import { configFileName } from '../config/load.ts';
import { printPath } from '../preview/routes.ts';
import { PreviewServer, type RebuildReport } from '../preview/server.ts';
import { ProjectWatcher } from '../preview/watch.ts';
import { watchPlan } from '../preview/watch-plan.ts';
import { exitCodes } from './errors.ts';
import type { Ui } from './ui.ts';

/** The preview's port when none is given: clear of the usual development servers' (Jekyll 4000, Hugo 1313, Eleventy 8080, Vite 5173). */
export const defaultPreviewPort = 4300;

export interface PreviewOptions {
  port: number;
  /** The address to listen on: 127.0.0.1 unless `--host`. */
  host: string;
}

/**
 * `anthology preview`: builds the site in memory, serves it with a print preview, and rebuilds and
 * reloads the open pages whenever a chapter, the bibliography, anthology.yaml, a stylesheet or a
 * picture changes. Runs until Ctrl-C (exit 0); a port already taken is exit 1.
 */
export async function previewCommand(projectDir: string, options: PreviewOptions, ui: Ui): Promise<number> {
  if (!existsSync(path.join(projectDir, configFileName))) {
    ui.diagnose(
      configFileName,
      'config-missing',
      `no ${configFileName} in ${projectDir}: run the preview in a book's folder (or make one with \`anthology new\`)`,
    );
    return exitCodes.content;
  }
  const loopbackOnly = isLoopback(options.host);
  let lastShown = '';
  let watcher: ProjectWatcher | undefined;
  const preview = new PreviewServer(projectDir, {
    loopbackOnly,
    onRebuild: (report) => {
      watcher?.update(watchPlan(report.inputs));
      lastShown = showRebuild(ui, report, lastShown);
    },
  });
  const listening = await listen(preview, options);
  if (listening !== true) {
    // No file is involved: the diagnostic is on the address asked for.
    ui.diagnose(hostPort(options.host, options.port), 'preview-cannot-listen', listening);
    await preview.close();
    return exitCodes.content;
  }
  const address = preview.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  // The address it listens on (`--host ::1` listens there only); all addresses are shown as localhost.
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const origin = `http://${hostPort(shownHost, port)}`;
  if (!loopbackOnly)
    ui.diagnose(hostPort(options.host, port), 'preview-not-loopback', `listening on ${options.host}: anyone who can reach this machine can read the book`);

  watcher = new ProjectWatcher(projectDir, () => void preview.rebuild());
  const started = performance.now();
  await preview.rebuild();
  ui.info(`preview  ${origin}/  (print: ${origin}${printPath}) — built in ${Math.round(performance.now() - started)} ms; watching for changes, Ctrl-C to stop`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  watcher.close();
  await preview.close();
  ui.info('preview stopped');
  return exitCodes.ok;
}

/** `host:port`, an IPv6 address in brackets (`[::1]:4300`). */
function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Listens, or says why it cannot in a sentence (a port taken, one it may not use). */
function listen(preview: PreviewServer, options: PreviewOptions): Promise<true | string> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const where = hostPort(options.host, options.port);
      if (error.code === 'EADDRINUSE')
        resolve(`port ${options.port} is already in use on ${options.host} (another preview?): stop it, or choose another with --port N`);
      else if (error.code === 'EACCES') resolve(`not allowed to listen on ${where}: choose a port above 1023 with --port N`);
      else if (error.code === 'EADDRNOTAVAIL') resolve(`${options.host} is not an address of this machine (--host)`);
      else resolve(`cannot listen on ${where}: ${error.message}`);
    };
    preview.server.once('error', onError);
    preview.server.listen(options.port, options.host, () => {
      preview.server.off('error', onError);
      resolve(true);
    });
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** Prints a rebuild: its diagnostics when they differ from the last printed, and one line. Returns what was printed. */
function showRebuild(ui: Ui, report: RebuildReport, lastShown: string): string {
  const shown = report.files
    .flatMap((file) => file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.reason} ${message.ruleId}`))
    .join('\n');
  if (shown !== lastShown) ui.report(report.files);
  const ms = Math.round(report.ms);
  if (report.changed === undefined) ui.error(`the book has errors (${ms} ms): the browser shows them; the last good build stays on show`);
  else if (report.changed.length > 0) ui.info(`rebuilt in ${ms} ms: ${describeChanged(report.changed)}`);
  else ui.detail(`rebuilt in ${ms} ms: nothing changed`);
  return shown;
}

function describeChanged(changed: readonly string[]): string {
  const pages = changed.filter((key) => key.endsWith('.html'));
  const listed = pages.slice(0, 3).join(', ');
  const others = changed.length - pages.length;
  return [
    pages.length > 0 ? `${pages.length} page${pages.length === 1 ? '' : 's'} (${listed}${pages.length > 3 ? ', …' : ''})` : '',
    others > 0 ? `${others} other file${others === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
}
