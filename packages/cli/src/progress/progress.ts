import { formatBytes, SEVERITIES, walk, type FileReport, type Severity, type WalkOptions } from '@saring/core';

/** How progress is shown: a live line redrawn in place, plain periodic lines (CI logs), or nothing. */
export type ProgressMode = 'live' | 'plain' | 'off';

/** Redraw the live line at most this often. */
const LIVE_INTERVAL_MS = 100;
/** One plain line this often in CI logs. */
const PLAIN_INTERVAL_MS = 30_000;
/** Width used when the terminal does not say. */
const DEFAULT_COLUMNS = 120;

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Picks the mode (libraries.md §A9, §B3): live only on a terminal, never in CI, with `--quiet`,
 * or when stdout carries machine output that a person is not watching; plain lines in CI.
 */
export function progressMode(o: { stderrIsTTY: boolean; ci: boolean; quiet: boolean; machineOutputOnStdout: boolean }): ProgressMode {
  if (o.quiet) return 'off';
  if (o.ci) return 'plain';
  if (!o.stderrIsTTY || o.machineOutputOnStdout) return 'off';
  return 'live';
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * Progress of a scan on stderr: files and bytes done, files/s and MB/s, an ETA once a separate
 * counting walk (metadata only, never file contents) has finished counting ahead, findings so
 * far by severity, and the current folder — the reported (masked) folder, never a file name
 * unless `showPaths`.
 */
export class Progress {
  private filesDone = 0;
  private bytesDone = 0;
  private filesTotal = 0;
  private bytesTotal = 0;
  private counted = false;
  private readonly bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  private where = '';
  private lastRender = 0;
  /** Something changed since the last line was drawn. */
  private dirty = false;
  private readonly started: number;
  private readonly counting = new AbortController();

  constructor(
    private readonly stream: ProgressStream,
    private readonly mode: ProgressMode,
    private readonly options: { showPaths: boolean; now?: () => number; severityOf: (detector: string) => Severity | undefined },
  ) {
    this.started = this.now();
  }

  private now(): number {
    return this.options.now ? this.options.now() : performance.now();
  }

  /** Counts files and bytes ahead of the scan, for the ETA. Runs alongside the scan; stopped by `stop()`. */
  countAhead(paths: readonly string[], walkOptions: WalkOptions): void {
    if (this.mode === 'off') return;
    void (async () => {
      try {
        for await (const entry of walk(paths, { ...walkOptions, signal: this.counting.signal })) {
          if (entry.kind !== 'file') continue;
          this.filesTotal++;
          this.bytesTotal += entry.stats.size;
        }
        if (!this.counting.signal.aborted) this.counted = true;
      } catch {
        // Counting is only for the ETA: a failure leaves the ETA out, the scan reports its own errors.
      }
    })();
  }

  /** A walked file is done (read or reused): `size` from its stats. */
  fileDone(size: number): void {
    this.filesDone++;
    this.bytesDone += size;
    this.dirty = true;
  }

  /** A report was produced: its findings and folder feed the line. `displayPath` is the reported (masked) path. */
  report(file: FileReport, displayPath: string): void {
    for (const [detector, count] of Object.entries(file.countsByDetector)) {
      const severity = this.options.severityOf(detector);
      if (severity) this.bySeverity[severity] += count;
    }
    const outer = displayPath.split('!')[0]!;
    this.dirty = true;
    this.where = this.options.showPaths ? displayPath : outer.includes('/') ? outer.slice(0, outer.lastIndexOf('/')) : '.';
    this.maybeRender();
  }

  /** The progress line (without colour or control characters). */
  line(): string {
    const elapsed = Math.max(0.001, (this.now() - this.started) / 1000);
    const filesPerSecond = this.filesDone / elapsed;
    const mbPerSecond = this.bytesDone / 1e6 / elapsed;
    const parts = [
      this.counted ? `${this.filesDone}/${this.filesTotal} files` : `${this.filesDone} files`,
      this.counted ? `${formatBytes(this.bytesDone)}/${formatBytes(this.bytesTotal)}` : formatBytes(this.bytesDone),
      `${filesPerSecond.toFixed(filesPerSecond < 10 ? 1 : 0)} files/s`,
      `${mbPerSecond.toFixed(1)} MB/s`,
    ];
    if (this.counted && this.bytesDone > 0) {
      const byBytes = (this.bytesTotal - this.bytesDone) / (this.bytesDone / elapsed);
      const byFiles = (this.filesTotal - this.filesDone) / Math.max(filesPerSecond, 1e-9);
      parts.push(`ETA ${duration(Math.max(0, Math.max(byBytes, byFiles)))}`);
    }
    const found = SEVERITIES.filter((s) => this.bySeverity[s] > 0)
      .reverse()
      .map((s) => `${s} ${this.bySeverity[s]}`);
    parts.push(found.length ? `findings: ${found.join(', ')}` : 'no findings yet');
    if (this.where) parts.push(`in ${this.where}`);
    return `saring: ${parts.join(' · ')}`;
  }

  private maybeRender(): void {
    if (this.mode === 'off') return;
    const now = this.now();
    const interval = this.mode === 'live' ? LIVE_INTERVAL_MS : PLAIN_INTERVAL_MS;
    if (this.lastRender !== 0 && now - this.lastRender < interval) return;
    this.lastRender = now;
    this.render();
  }

  private render(): void {
    this.dirty = false;
    if (this.mode === 'live') {
      const columns = this.stream.columns ?? DEFAULT_COLUMNS;
      let text = this.line();
      if (text.length > columns - 1) text = `${text.slice(0, columns - 2)}…`;
      this.stream.write(`\r\u001b[K${text}`);
    } else if (this.mode === 'plain') {
      this.stream.write(`${this.line()}\n`);
    }
  }

  /** Ends the display: the live line is drawn a last time and cleared; counting stops. */
  stop(): void {
    this.counting.abort();
    if (this.mode === 'live') {
      this.render();
      this.stream.write('\r\u001b[K');
    } else if (this.mode === 'plain' && this.dirty) {
      this.render();
    }
  }
}
