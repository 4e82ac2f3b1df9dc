import { accessSync, constants } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

const candidateNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/**
 * Finds a Chrome or Chromium binary: PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH, then the usual
 * names on PATH and /usr/bin. Returns undefined when there is none.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  fallbackDirectories: readonly string[] = ['/usr/bin', '/usr/local/bin'],
): string | undefined {
  for (const variable of ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const) {
    const value = env[variable];
    if (value && isExecutable(value)) return value;
  }
  const directories = [...(env.PATH ?? '').split(path.delimiter).filter(Boolean), ...fallbackDirectories];
  for (const name of candidateNames) {
    for (const directory of directories) {
      const candidate = path.join(directory, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

export const missingChromiumAdvice =
  'no Chrome or Chromium found for the PDF. Install one (Debian/Ubuntu: `apt-get install -y chromium`) or set PUPPETEER_EXECUTABLE_PATH to its binary. HTML and EPUB were built.';

/** Flags for headless Chromium on a closed network, as root, without a sandbox user namespace. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where fontconfig finds a machine's fonts on Debian (its default `<dir>`s). */
const fontDirectories = () => ['/usr/share/fonts', '/usr/local/share/fonts', path.join(homedir(), '.local/share/fonts'), path.join(homedir(), '.fonts')];

/**
 * The fonts Chromium may fall back on, beside the book's own: every file under fontconfig's font
 * folders, by path, size and modification time. A printed page depends on them (the emoji font
 * print.css names by `local()`, a script the book's fonts lack), so installing one must print again.
 */
export async function systemFontsState(directories: readonly string[] = fontDirectories()): Promise<string[]> {
  const listed = await Promise.all(
    directories.map(async (directory) => {
      const names = (await readdir(directory, { recursive: true }).catch(() => [] as string[])).sort();
      const infos = await Promise.all(names.map((name) => stat(path.join(directory, name)).catch(() => undefined)));
      return names.flatMap((name, index) => {
        const info = infos[index];
        return info?.isFile() ? [`${path.join(directory, name)} ${info.size} ${info.mtimeMs}`] : [];
      });
    }),
  );
  return listed.flat();
}
