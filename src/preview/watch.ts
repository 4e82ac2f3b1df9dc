import { existsSync, type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import { isRelevantChange, type WatchPlan } from './watch-plan.ts';

/** Watches a project as a `WatchPlan` says and calls `onChange` once a burst of changes has settled. */
export class ProjectWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private rootFiles = new Set<string>();
  private folders = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private pending = new Set<string>();

  constructor(
    private readonly projectDir: string,
    /** Called with the project-relative paths changed since the last call. */
    private readonly onChange: (paths: string[]) => void,
    /** How long a burst of events must be quiet (an editor's save is several: write, rename, chmod). */
    private readonly debounceMs = 20,
  ) {}

  /** Watches what the plan names, starts watching folders that appeared and stops those no longer named. */
  update(plan: WatchPlan): void {
    this.rootFiles = new Set(plan.rootFiles);
    this.folders = new Set(plan.folders);
    const wanted = new Map<string, boolean>([['', false], ...plan.folders.map((folder) => [folder, true] as [string, boolean])]);
    for (const [folder, watcher] of this.watchers) {
      if (!wanted.has(folder)) {
        watcher.close();
        this.watchers.delete(folder);
      }
    }
    for (const [folder, recursive] of wanted) {
      if (this.watchers.has(folder)) continue;
      const absolute = path.join(this.projectDir, folder);
      if (!existsSync(absolute)) continue;
      try {
        const watcher = watch(absolute, { recursive }, (_event, name) => this.changed(folder, name === null ? '' : String(name)));
        // A watched folder removed (or unreadable): forget it; the top folder's watch sees it come back.
        watcher.on('error', () => {
          watcher.close();
          this.watchers.delete(folder);
          this.changed('', folder);
        });
        this.watchers.set(folder, watcher);
      } catch {
        // Gone between the check and the watch: the project folder's watch sees it return.
      }
    }
  }

  close(): void {
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private changed(folder: string, name: string): void {
    const relative = folder === '' ? name : path.posix.join(folder, name.split(path.sep).join('/'));
    if (folder === '') {
      // At the top only the inputs there and the planned folders (one created or removed) matter.
      if (!this.rootFiles.has(name) && !this.folders.has(name)) return;
    }
    if (!isRelevantChange(relative)) return;
    this.pending.add(relative);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const paths = [...this.pending].sort();
      this.pending.clear();
      this.onChange(paths);
    }, this.debounceMs);
  }
}
