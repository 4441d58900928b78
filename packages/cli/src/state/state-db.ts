import { createHash, createHmac } from 'node:crypto';
import { chmodSync, closeSync, createReadStream, mkdirSync, openSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { FileReport, PdpLabel } from '@saring/core';

/** Bumped when the tables change; an older database is refused with a clear message. */
const SCHEMA_VERSION = '1';
/** Rows written per transaction: large enough to be fast, small enough that a crash loses little. */
const ROWS_PER_TRANSACTION = 1000;
/** Past scans kept with their list of sensitive files (for `saring diff`). */
const SCANS_KEPT = 50;

/** better-sqlite3 (a native addon) is loaded on first use: a scan without `--state` never loads it. */
let sqlite: typeof Database | undefined;
function openDatabase(path: string, options?: Database.Options): Database.Database {
  sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  return new sqlite(path, options);
}

/** One past scan, as `saring history` lists it. */
export interface ScanRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  roots: string;
  files: number;
  sensitive: number;
  findings: number;
  reused: number;
  bytesRead: number;
  durationMs: number;
  aborted: boolean;
}

/** A file that is sensitive in one scan, for `saring diff`. */
export interface SensitiveFile {
  path: string;
  label: PdpLabel;
  findings: number;
}

/** Removes raw values (never stored) from a report before it goes into the database. */
function storable(report: FileReport): FileReport {
  if (!report.findings.some((f) => f.value !== undefined)) return report;
  return { ...report, findings: report.findings.map(({ value: _value, ...rest }) => rest) };
}

/** SHA-256 of a file's content, read in chunks (it is in the page cache right after its scan). */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path, { highWaterMark: 1024 * 1024 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * The incremental-scan database (`--state FILE`, better-sqlite3): per file its size, mtime, inode,
 * content hash and the reports of its last scan (masked findings and fingerprints only, never a
 * raw value), and per scan its counts and sensitive files. Real paths are stored only as keyed
 * hashes (the fingerprint key): the reported paths kept are the masked ones. Created mode 0600.
 */
export class StateDb {
  private readonly db: Database.Database;
  private pendingRows = 0;
  private scanId = 0;
  private readonly statements = new Map<string, Database.Statement>();

  /** Prepared once per SQL text: preparing is the slow part for tens of thousands of files. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private constructor(
    db: Database.Database,
    private readonly key: Uint8Array,
  ) {
    this.db = db;
  }

  static open(path: string, key: Uint8Array): StateDb {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Create the file ourselves so it is 0600 from the first byte; SQLite gives its journal the same mode.
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
    const db = openDatabase(path);
    // Another scan with the same state file holds a write transaction: wait a little, then say so.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = NORMAL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS scans (
        id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT, roots TEXT NOT NULL,
        config_digest TEXT NOT NULL, files INTEGER NOT NULL DEFAULT 0, sensitive INTEGER NOT NULL DEFAULT 0,
        findings INTEGER NOT NULL DEFAULT 0, reused INTEGER NOT NULL DEFAULT 0, bytes_read INTEGER NOT NULL DEFAULT 0,
        duration_ms INTEGER NOT NULL DEFAULT 0, aborted INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS files (
        path_key TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ms REAL NOT NULL, ino TEXT NOT NULL,
        content_hash TEXT, config_digest TEXT NOT NULL, reports TEXT NOT NULL,
        -- The scan that last read the file (reused files are not rewritten: a rescan writes nothing per unchanged file).
        last_scan INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS scan_sensitive (
        scan_id INTEGER NOT NULL, path_key TEXT NOT NULL, path TEXT NOT NULL, label TEXT NOT NULL, findings INTEGER NOT NULL,
        PRIMARY KEY (scan_id, path_key));
    `);
    const version = db.prepare('SELECT value FROM meta WHERE key = ?').get('schema') as { value: string } | undefined;
    if (!version) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema', SCHEMA_VERSION);
    else if (version.value !== SCHEMA_VERSION) {
      db.close();
      throw new Error(`${path} was written by another version of saring (state schema ${version.value}); start a new state file.`);
    }
    return new StateDb(db, key);
  }

  /** The last path hashed: lookup, record and sensitive ask for the same path in a row. */
  private lastPath: { path: string; key: string } | undefined;

  /** The keyed hash a real path is stored under. */
  pathKey(path: string): string {
    if (this.lastPath?.path === path) return this.lastPath.key;
    const key = createHmac('sha256', this.key).update('saring-state-path\u0000').update(path).digest('hex').slice(0, 32);
    this.lastPath = { path, key };
    return key;
  }

  beginScan(startedAt: string, roots: string, configDigest: string): number {
    const info = this.sql('INSERT INTO scans (started_at, roots, config_digest) VALUES (?, ?, ?)').run(startedAt, roots, configDigest);
    this.scanId = Number(info.lastInsertRowid);
    this.db.exec('BEGIN');
    return this.scanId;
  }

  /**
   * The stored reports of an unchanged file: same size, mtime and inode, scanned with the same
   * configuration. Undefined when the file must be read.
   */
  lookup(path: string, stats: Stats, configDigest: string): FileReport[] | undefined {
    const row = this.sql('SELECT size, mtime_ms, ino, config_digest, reports FROM files WHERE path_key = ?').get(this.pathKey(path)) as
      | { size: number; mtime_ms: number; ino: string; config_digest: string; reports: string }
      | undefined;
    if (!row || row.config_digest !== configDigest || row.size !== stats.size || row.mtime_ms !== stats.mtimeMs || row.ino !== String(stats.ino)) return undefined;
    return JSON.parse(row.reports) as FileReport[];
  }

  /** The stored content hash and reports of a file whose metadata changed, to compare hashes. */
  storedHash(path: string, configDigest: string): { hash: string; reports: FileReport[] } | undefined {
    const row = this.sql('SELECT content_hash, config_digest, reports FROM files WHERE path_key = ?').get(this.pathKey(path)) as
      | { content_hash: string | null; config_digest: string; reports: string }
      | undefined;
    if (!row || !row.content_hash || row.config_digest !== configDigest) return undefined;
    return { hash: row.content_hash, reports: JSON.parse(row.reports) as FileReport[] };
  }

  /** Records a file's reports (members first, the file last) after its scan. */
  record(path: string, stats: Pick<Stats, 'size' | 'mtimeMs' | 'ino'>, contentHash: string | undefined, configDigest: string, reports: readonly FileReport[]): void {
    this
      .sql('INSERT OR REPLACE INTO files (path_key, size, mtime_ms, ino, content_hash, config_digest, reports, last_scan) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(this.pathKey(path), stats.size, stats.mtimeMs, String(stats.ino), contentHash ?? null, configDigest, JSON.stringify(reports.map(storable)), this.scanId);
    this.tick();
  }

  /** Notes a sensitive report (a file or member with findings) of this scan, under its masked path. */
  sensitive(realPath: string, report: FileReport, label: PdpLabel): void {
    this
      .sql('INSERT OR REPLACE INTO scan_sensitive (scan_id, path_key, path, label, findings) VALUES (?, ?, ?, ?, ?)')
      .run(this.scanId, this.pathKey(`${realPath}\u0000${report.path}`), report.path, label, report.findingCount);
    this.tick();
  }

  private tick(): void {
    if (++this.pendingRows < ROWS_PER_TRANSACTION) return;
    this.db.exec('COMMIT');
    this.db.exec('BEGIN');
    this.pendingRows = 0;
  }

  finishScan(record: Omit<ScanRecord, 'id' | 'startedAt' | 'roots'>): void {
    this
      .sql('UPDATE scans SET finished_at = ?, files = ?, sensitive = ?, findings = ?, reused = ?, bytes_read = ?, duration_ms = ?, aborted = ? WHERE id = ?')
      .run(record.finishedAt, record.files, record.sensitive, record.findings, record.reused, record.bytesRead, record.durationMs, record.aborted ? 1 : 0, this.scanId);
    const old = this.sql('SELECT id FROM scans ORDER BY id DESC LIMIT 1 OFFSET ?').get(SCANS_KEPT) as { id: number } | undefined;
    if (old) this.sql('DELETE FROM scan_sensitive WHERE scan_id <= ?').run(old.id);
    this.db.exec('COMMIT');
  }

  /** Ends an unfinished scan: what was recorded so far is kept. */
  close(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.db.close();
  }

  history(limit = 20): ScanRecord[] {
    const rows = this.sql('SELECT * FROM scans ORDER BY id DESC LIMIT ?').all(limit) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as number,
      startedAt: r.started_at as string,
      finishedAt: (r.finished_at as string | null) ?? null,
      roots: r.roots as string,
      files: r.files as number,
      sensitive: r.sensitive as number,
      findings: r.findings as number,
      reused: r.reused as number,
      bytesRead: r.bytes_read as number,
      durationMs: r.duration_ms as number,
      aborted: r.aborted === 1,
    }));
  }

  /** The sensitive files of one scan, by their masked path. */
  sensitiveFiles(scanId: number): Map<string, SensitiveFile> {
    const rows = this.sql('SELECT path_key, path, label, findings FROM scan_sensitive WHERE scan_id = ?').all(scanId) as { path_key: string; path: string; label: PdpLabel; findings: number }[];
    return new Map(rows.map((r) => [r.path_key, { path: r.path, label: r.label, findings: r.findings }]));
  }

  /** Opens an existing database read-only (history, diff): nothing is created or changed. */
  static openReadOnly(path: string): StateDb {
    const db = openDatabase(path, { readonly: true, fileMustExist: true });
    return new StateDb(db, new Uint8Array(0));
  }
}
