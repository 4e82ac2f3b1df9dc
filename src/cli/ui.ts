import type { Ora } from 'ora';
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { type Place, type RuleId, report } from '../core/rules.ts';

export interface UiOptions {
  quiet: boolean;
  verbose: boolean;
}

type Spinner = typeof import('ora')['default'];

/** Everything the commands print goes through here: diagnostics, summaries and progress. */
export class Ui {
  readonly color: boolean;
  private readonly interactive: boolean;
  private spinner: Spinner | undefined;

  constructor(
    readonly options: UiOptions,
    private readonly stdout: NodeJS.WriteStream = process.stdout,
    private readonly stderr: NodeJS.WriteStream = process.stderr,
  ) {
    const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
    this.interactive = Boolean(stderr.isTTY) && process.env.CI === undefined;
    this.color = this.interactive && !noColor;
  }

  /**
   * Loads the spinner where one is shown (a terminal, not --quiet): a build in a pipe, in CI or
   * from a script starts without it (ora, its spinners and colours: ~15 ms of module set-up).
   */
  async ready(): Promise<this> {
    if (this.color && !this.options.quiet) this.spinner = (await import('ora')).default;
    return this;
  }

  /** Prints diagnostics as `path:line:col severity reason rule-id`; info only with --verbose. */
  report(files: readonly VFile[]): void {
    const shown = files.map((file) => {
      const copy = new VFile({ path: file.path, cwd: file.cwd });
      copy.messages = file.messages.filter((message) => (this.options.quiet ? message.fatal === true : this.options.verbose || message.fatal !== undefined));
      return copy;
    });
    if (shown.every((file) => file.messages.length === 0)) return;
    this.stderr.write(`${reporter(shown, { color: this.color, quiet: true })}\n`);
  }

  /**
   * A diagnostic on the file, folder or address it concerns (`path:line:col error|warning reason
   * rule-id`: a refusal or a warning, as its rule says), on a file of its own so messages already
   * shown on that path are not shown twice.
   */
  diagnose(path: string, ruleId: RuleId, reason: string, place?: Place): void {
    this.report([diagnosticOn(path, ruleId, reason, place)]);
  }

  info(line: string): void {
    if (!this.options.quiet) this.stdout.write(`${line}\n`);
  }

  detail(line: string): void {
    if (this.options.verbose) this.stdout.write(`${line}\n`);
  }

  error(line: string): void {
    this.stderr.write(`${this.color ? '\u001b[31merror\u001b[39m' : 'error'} ${line}\n`);
  }

  /** A spinner on a terminal; plain start and end lines elsewhere (CI, pipes, NO_COLOR). */
  progress(text: string): Progress {
    if (this.options.quiet) return new Progress(undefined, undefined);
    if (this.color && this.spinner) return new Progress(this.spinner({ text, stream: this.stderr, color: 'cyan', isEnabled: true }).start(), undefined);
    this.stderr.write(`${text}\n`);
    return new Progress(undefined, this.stderr);
  }
}

/** A diagnostic on a file of its own at `path` (see `Ui.diagnose`; several are reported together). */
export function diagnosticOn(path: string, ruleId: RuleId, reason: string, place?: Place): VFile {
  const file = new VFile({ path });
  report(file, ruleId, reason, place);
  return file;
}

export class Progress {
  constructor(
    private readonly spinner: Ora | undefined,
    private readonly plain: NodeJS.WriteStream | undefined,
  ) {}

  update(text: string): void {
    if (this.spinner) this.spinner.text = text;
  }

  succeed(text: string): void {
    if (this.spinner) this.spinner.succeed(text);
    else this.plain?.write(`${text}\n`);
  }

  fail(text: string): void {
    if (this.spinner) this.spinner.fail(text);
    else this.plain?.write(`${text}\n`);
  }
}
