import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError, Option } from 'commander';
import { isIsoDate } from '../core/dates.ts';
import { exitCodes, UsageError } from './errors.ts';
import { commaList, outputFormats, parseFormats } from './formats.ts';
import type { Ui } from './ui.ts';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

interface GlobalOptions {
  quiet: boolean;
  verbose: boolean;
  cwd: string;
}

/** The project folder and the output for a command, made only once the command runs. */
type CommandContext = () => Promise<{ projectDir: string; ui: Ui }>;
type SetExitCode = (code: number) => void;

/**
 * Builds the command-line program. Each action sets `exitCode` instead of exiting. Each command
 * imports its module when it runs, so `--version` and `--help` load little more than commander.
 */
function createProgram(setExitCode: SetExitCode): Command {
  const program = new Command('anthology')
    .description('Turn blog posts and essays into one edited book: an HTML site, an EPUB 3 and a print-ready PDF.')
    .version(packageJson.version, '-V, --version')
    .option('-q, --quiet', 'print errors only', false)
    .option('-v, --verbose', 'print every step and every dropped line', false)
    .option('-C, --cwd <dir>', 'the project folder (with anthology.yaml)', '.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  // The output module (vfile-reporter; ora on a terminal) is loaded by the commands only: `--version` and `--help` start faster without it.
  const context: CommandContext = async () => {
    const options = program.opts<GlobalOptions>();
    const { Ui } = await import('./ui.ts');
    return { projectDir: path.resolve(options.cwd), ui: await new Ui({ quiet: options.quiet, verbose: options.verbose && !options.quiet }).ready() };
  };
  // In the order `--help` lists them.
  addImportCommand(program, context, setExitCode);
  addBuildCommand(program, context, setExitCode);
  addCiteCommands(program, context, setExitCode);
  addNewCommand(program, context, setExitCode);
  addAddCommand(program, context, setExitCode);
  addReleaseCommand(program, context, setExitCode);
  addChangesCommand(program, context, setExitCode);
  addPreviewCommand(program, context, setExitCode);
  addCheckCommand(program, context, setExitCode);
  return program;
}

/** Adds `anthology import <source...>`. */
function addImportCommand(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  program
    .command('import')
    .description('turn sources (a scraped blog archive, …) into chapter files with front matter and footnotes')
    .argument('<source...>', 'source files, folders of saved posts, or Substack/Medium exports (zip or folder) to import')
    .option('-o, --out <dir>', 'folder for the chapter files', 'chapters')
    .option('--force', 'overwrite chapter files edited since the last import', false)
    .option('--beside', 'write new versions of edited chapters next to them as <slug>.reimported.md', false)
    .option('--report <file>', 'write a JSON report accounting for every input line, and an HTML review page beside it')
    .option('--no-add', 'do not add new chapters to contents in anthology.yaml')
    .option(
      '--post-types <list>',
      'post types to import, comma-separated: WordPress/Ghost types; Blogger page, comment; Substack podcast, thread, page; Medium response',
      'post',
    )
    .option('--drafts', 'also import drafts and private posts (WordPress, Ghost, Substack, Medium, Jekyll _drafts/)', false)
    .option('--author <name>', 'these sources are your own blog: credit their pieces without a byline to NAME (each is reported)')
    .option('--no-cite', 'keep notes as typed instead of citing the shared bibliography by key')
    .option(
      '--fetch-images',
      'download the pictures the posts show from the web into the chapters’ images/ folders (the only time anthology uses the network)',
      false,
    )
    .option('--fetch-local', 'with --fetch-images: also from this machine and private networks (an intranet blog), refused by default', false)
    .exitOverride()
    .action(
      async (
        sources: string[],
        options: {
          out: string;
          force: boolean;
          beside: boolean;
          report?: string;
          add: boolean;
          postTypes: string;
          drafts: boolean;
          author?: string;
          cite: boolean;
          fetchImages: boolean;
          fetchLocal: boolean;
        },
      ) => {
        const { projectDir, ui } = await context();
        const postTypes = commaList(options.postTypes);
        const { importCommand } = await import('./import.ts');
        setExitCode(
          await importCommand(
            projectDir,
            sources,
            {
              out: options.out,
              force: options.force,
              beside: options.beside,
              report: options.report,
              addToContents: options.add,
              postTypes,
              drafts: options.drafts,
              author: options.author,
              cite: options.cite,
              ...fetchOptions(options),
            },
            ui,
          ),
        );
      },
    );
}

/** Adds `anthology build`. */
function addBuildCommand(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  program
    .command('build')
    .description('build the book: an HTML site, an EPUB 3 and a PDF (through Paged.js in Chromium)')
    .addOption(new Option('-f, --format <list>', `comma-separated formats (${outputFormats.join(', ')})`).default(outputFormats.join(',')))
    .option('-o, --out <dir>', 'output folder', 'build')
    .option('--print', 'PDF for print delivery: 3 mm bleed and crop marks (as print_ready: true)', false)
    .option('--no-cache', 'parse every chapter and render every citation afresh, neither reading nor writing <out>/.cache')
    .exitOverride()
    .action(async (options: { format: string; out: string; print: boolean; cache: boolean }) => {
      const { projectDir, ui } = await context();
      const { buildCommand } = await import('./build.ts');
      setExitCode(await buildCommand(projectDir, { formats: parseFormats(options.format), out: options.out, print: options.print, cache: options.cache }, ui));
    });
}

/** Adds `anthology cite` and its subcommands `run` (the default), `check` and `export`. */
function addCiteCommands(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  const cite = program.command('cite').description('turn notes into citations: a shared bibliography and notes that cite by key');
  cite
    .command('run', { isDefault: true })
    .description('parse every chapter’s notes into bibliography/references.json and rewrite them as [@key] citations')
    .exitOverride()
    .action(async () => {
      const { projectDir, ui } = await context();
      const { citeCommand } = await import('./cite.ts');
      setExitCode(await citeCommand(projectDir, ui));
    });
  cite
    .command('check')
    .description('list unparsed notes, unresolved keys, uncited items and likely duplicates; write a review page')
    .option('--review <file>', 'the HTML review page to write', 'build/cite-review.html')
    .exitOverride()
    .action(async (options: { review: string }) => {
      const { projectDir, ui } = await context();
      const { citeCheckCommand } = await import('./cite.ts');
      setExitCode(await citeCheckCommand(projectDir, options, ui));
    });
  cite
    .command('export')
    .description('export the bibliography through citation-js')
    .addOption(new Option('-f, --format <format>', 'bibtex, ris or csl-json').default('bibtex'))
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .exitOverride()
    .action(async (options: { format: string; out?: string }) => {
      const { projectDir, ui } = await context();
      const { citeExportCommand } = await import('./cite.ts');
      setExitCode(await citeExportCommand(projectDir, { format: options.format, out: options.out }, ui));
    });
  cite.exitOverride();
}

/** Adds `anthology new <dir>`. */
function addNewCommand(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  program
    .command('new')
    .description('start a new book in a new or empty folder: anthology.yaml, chapters/, bibliography/, styles/')
    .argument('<dir>', 'the folder to make the book in')
    .option('--title <title>', 'the book’s title (default: from the folder’s name)')
    .option('--editor <name>', 'an editor (repeat for several)', appendValue, [] as string[])
    .option('--publisher <name>', 'the publisher on the title and copyright pages')
    .option('--language <tag>', 'the book’s language, a BCP 47 tag', 'en-US')
    .option('--date <YYYY-MM-DD>', 'the planned publication date (default: today)', parseIsoDate)
    .exitOverride()
    .action(async (dir: string, options: { title?: string; editor: string[]; publisher?: string; language: string; date?: string }) => {
      const { projectDir, ui } = await context();
      const { newCommand } = await import('./new.ts');
      setExitCode(
        await newCommand(
          projectDir,
          dir,
          { title: options.title, editor: options.editor, publisher: options.publisher, language: options.language, date: options.date },
          ui,
        ),
      );
    });
}

/** Adds `anthology add <source...>`. */
function addAddCommand(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  program
    .command('add')
    .description('import sources as new chapters, place them in contents by date, cite their notes, and say what was added')
    .argument('<source...>', 'source files, folders of saved posts, or Substack/Medium exports')
    .option('--part <name>', 'put them in this part (made at the end of the book if there is none of that name)')
    .option('--after <slug>', 'put them right after this chapter (its id, file name or path)')
    .option('--author <name>', 'these are your own posts: credit pieces without a byline to NAME (each is reported)')
    .option('--post-types <list>', 'post types to import, comma-separated (as for import)', 'post')
    .option('--drafts', 'also import drafts and private posts', false)
    .option('--no-cite', 'keep notes as typed instead of citing the shared bibliography by key')
    .option(
      '--fetch-images',
      'download the pictures the posts show from the web into the chapters’ images/ folders (the only time anthology uses the network)',
      false,
    )
    .option('--fetch-local', 'with --fetch-images: also from this machine and private networks (an intranet blog), refused by default', false)
    .exitOverride()
    .action(
      async (
        sources: string[],
        options: {
          part?: string;
          after?: string;
          author?: string;
          postTypes: string;
          drafts: boolean;
          cite: boolean;
          fetchImages: boolean;
          fetchLocal: boolean;
        },
      ) => {
        const { projectDir, ui } = await context();
        const { addCommand } = await import('./add.ts');
        setExitCode(
          await addCommand(
            projectDir,
            sources,
            {
              part: options.part,
              after: options.after,
              author: options.author,
              postTypes: commaList(options.postTypes),
              drafts: options.drafts,
              cite: options.cite,
              ...fetchOptions(options),
            },
            ui,
          ),
        );
      },
    );
}

/** `--fetch-images` and `--fetch-local` as the import's options; the second needs the first. */
function fetchOptions(options: { fetchImages: boolean; fetchLocal: boolean }): { fetchImages?: { allowLocal: boolean } } {
  if (options.fetchLocal && !options.fetchImages) throw new UsageError('--fetch-local goes with --fetch-images');
  return options.fetchImages ? { fetchImages: { allowLocal: options.fetchLocal } } : {};
}

/** Adds `anthology release`. */
function addReleaseCommand(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  program
    .command('release')
    .description('record the book as it stands as the edition anthology.yaml names (editions/N.json), and move on to the next')
    .option('--date <YYYY-MM-DD>', 'the edition’s date (default: edition.date in anthology.yaml)', parseIsoDate)
    .option('--note <text>', 'a note on this edition (repeat for several paragraphs)', appendValue, [] as string[])
    .exitOverride()
    .action(async (options: { date?: string; note: string[] }) => {
      const { projectDir, ui } = await context();
      const { releaseCommand } = await import('./release.ts');
      setExitCode(await releaseCommand(projectDir, { date: options.date, note: options.note }, ui));
    });
}

/** Adds `anthology changes`. */
function addChangesCommand(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  program
    .command('changes')
    .description('what changed since a released edition: chapters, notes, bibliography, metadata')
    .option('--since <n>', 'the released edition to compare with (default: the last one)', parseEditionNumber)
    .option('--json', 'print the changes as JSON', false)
    .option('--review <file>', 'write an HTML review page with a redline of each revised chapter')
    .exitOverride()
    .action(async (options: { since?: number; json: boolean; review?: string }) => {
      const { projectDir, ui } = await context();
      const { changesCommand } = await import('./changes.ts');
      setExitCode(await changesCommand(projectDir, { since: options.since, json: options.json, review: options.review }, ui));
    });
}

/** Adds `anthology preview`. */
function addPreviewCommand(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  program
    .command('preview')
    .description('serve the site and a print preview, rebuilding and reloading the page whenever a file of the book changes')
    .option('-p, --port <n>', 'the port to listen on', parsePort)
    .option('--host [address]', 'listen on the network (all addresses, or the one given) instead of 127.0.0.1 only')
    .exitOverride()
    .action(async (options: { port?: number; host?: string | true }) => {
      const { projectDir, ui } = await context();
      const { previewCommand, defaultPreviewPort } = await import('./preview.ts');
      const host = options.host === undefined ? '127.0.0.1' : options.host === true ? '0.0.0.0' : options.host;
      setExitCode(await previewCommand(projectDir, { port: options.port ?? defaultPreviewPort, host }, ui));
    });
}

/** Adds `anthology check`. */
function addCheckCommand(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  program
    .command('check')
    .description('validate anthology.yaml, the chapters and their notes without writing anything')
    .exitOverride()
    .action(async () => {
      const { projectDir, ui } = await context();
      const { checkCommand } = await import('./check.ts');
      setExitCode(await checkCommand(projectDir, ui));
    });
}

/** The values so far with this one added: for an option given once per value (`--editor A --editor B`). */
function appendValue(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--since N`: an edition number, 1 or more. */
function parseEditionNumber(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--since ${value}: expected an edition number`);
  return Number(value);
}

/** `--date YYYY-MM-DD`: a real day. */
function parseIsoDate(value: string): string {
  if (!isIsoDate(value)) throw new UsageError(`--date ${value}: expected a real date as YYYY-MM-DD`);
  return value;
}

/** `--port N`: 0 (any free port) to 65535. */
function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port ${value}: expected a port number (0 for any free one)`);
  return Number(value);
}

/**
 * How far V8 lets the heap grow past what was live after a full collection before it collects
 * again: 1.5×. By default it lets a batch job's heap grow ~2–3×, since collecting costs time: a
 * 1,000-chapter build peaked at 1.6 GB RSS with ~0.4 GB live. Measured (2 cores, cold HTML+EPUB
 * builds): 1,000 chapters 1.64 → 1.07 GB, 500 chapters 1.00–1.27 → 0.81–0.84 GB, each as fast
 * as before within the machine's noise. V8 reads the flag at each collection, so it takes effect
 * when set here; worker threads share it.
 */
const heapGrowingPercent = 50;

/** Runs the CLI and returns its exit code: 0 ok, 1 problems in the book or sources, 2 usage errors. */
export async function main(argv: readonly string[]): Promise<number> {
  setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
  let exitCode: number = exitCodes.ok;
  const program = createProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; every other commander error is a usage error.
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      return exitCodes.usage;
    }
    const verbose = argv.includes('--verbose') || argv.includes('-v');
    process.stderr.write(`anthology: internal error: ${(error as Error).message ?? String(error)}\n`);
    process.stderr.write(verbose ? `${(error as Error).stack}\n` : 'Run again with --verbose for details, and please report it.\n');
    return exitCodes.content;
  }
}
