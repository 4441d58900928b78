import { lstat, opendir, readFile, realpath, stat } from 'node:fs/promises';
import type { Dir, Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import type fastGlob from 'fast-glob';
import type ignore from 'ignore';
import type { Ignore } from 'ignore';
import type { ReasonCode } from '../model/report.js';
import { reasonFromSystemError } from '../model/errors.js';

/** The per-directory ignore file, with gitignore semantics. */
export const IGNORE_FILE_NAME = '.saringignore';

/** Directories with more entries than this are walked in on-disk order instead of sorted. */
const MAX_SORTED_ENTRIES = 10_000;

export interface WalkOptions {
  /** Follow symbolic links (loops are detected). Default false: links are reported as skipped. */
  followSymlinks?: boolean;
  /** gitignore-style patterns to leave out, relative to each root. */
  exclude?: readonly string[];
  /** If given, only files matching one of these gitignore-style patterns are scanned. */
  include?: readonly string[];
  /** Read `.saringignore` files found in walked folders. Default true. */
  useIgnoreFiles?: boolean;
  signal?: AbortSignal;
}

/** What the walker found at one path. */
export type WalkEntry =
  | { kind: 'file'; path: string; stats: Stats }
  | { kind: 'skipped'; path: string; reason: ReasonCode; message: string }
  | { kind: 'failed'; path: string; reason: ReasonCode; message: string }
  | { kind: 'excluded'; path: string };

interface IgnoreLayer {
  base: string;
  matcher: Ignore;
}

const GLOB_CHARS = /[*?[\]{}!]/;

/**
 * Walks paths and globs as a stream: one directory is open at a time, subdirectories wait on an
 * explicit stack, and entries are yielded as they are read, so a share with millions of files
 * never becomes a list in memory. Unreadable folders and files are yielded as `failed` entries;
 * the walk goes on.
 */
export async function* walk(inputs: readonly string[], options: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  for (const input of inputs) {
    if (options.signal?.aborted) return;
    let stats: Stats | undefined;
    try {
      stats = await lstat(input);
    } catch (error) {
      if (GLOB_CHARS.test(input)) {
        yield* walkGlob(input, options);
        continue;
      }
      const { code, message } = reasonFromSystemError(error);
      yield { kind: 'failed', path: input, reason: code, message: code === 'not-found' ? 'No such file or folder.' : message };
      continue;
    }
    if (stats.isSymbolicLink()) {
      // A link named on the command line is what the user asked for: follow it.
      try {
        stats = await stat(input);
      } catch (error) {
        const { code, message } = reasonFromSystemError(error);
        yield { kind: 'failed', path: input, reason: code, message };
        continue;
      }
    }
    if (stats.isDirectory()) yield* walkDirectory(input, options);
    else if (stats.isFile()) yield { kind: 'file', path: input, stats };
    else yield specialFile(input);
  }
}

function specialFile(path: string): WalkEntry {
  return { kind: 'skipped', path, reason: 'unsupported-format', message: 'Not a regular file (device, socket or pipe); not read.' };
}

/*
 * `ignore` and fast-glob (with micromatch and braces, tens of milliseconds) are loaded the first
 * time they are needed, not when the package is imported: `saring --version` and a scan without
 * patterns or globs never load them.
 */
const require = createRequire(import.meta.url);
let ignoreModule: typeof ignore | undefined;

function ignoreMatcher(rules: string | readonly string[]): Ignore {
  ignoreModule ??= require('ignore') as typeof ignore;
  return ignoreModule().add(typeof rules === 'string' ? rules : [...rules]);
}

function patternMatcher(patterns: readonly string[] | undefined): Ignore | undefined {
  return patterns && patterns.length ? ignoreMatcher(patterns) : undefined;
}

async function* walkDirectory(root: string, options: WalkOptions): AsyncGenerator<WalkEntry> {
  const exclude = patternMatcher(options.exclude);
  const include = patternMatcher(options.include);
  const useIgnoreFiles = options.useIgnoreFiles ?? true;
  const visited = new Set<string>();
  if (options.followSymlinks) visited.add(await realpath(root));

  const stack: { dir: string; layers: IgnoreLayer[] }[] = [{ dir: root, layers: [] }];
  while (stack.length) {
    if (options.signal?.aborted) return;
    const { dir, layers: parentLayers } = stack.pop()!;
    let layers = parentLayers;
    if (useIgnoreFiles) {
      const rules = await readIgnoreFile(join(dir, IGNORE_FILE_NAME));
      if (rules) layers = [...parentLayers, { base: dir, matcher: ignoreMatcher(rules) }];
    }

    let handle: Dir;
    try {
      handle = await opendir(dir, { bufferSize: 256 });
    } catch (error) {
      const { code, message } = reasonFromSystemError(error);
      yield { kind: 'failed', path: dir, reason: code, message: `Folder could not be listed: ${message}` };
      continue;
    }

    const subdirs: string[] = [];
    const pending: { name: string; isDir: boolean; isFile: boolean; isLink: boolean; unknown: boolean }[] = [];
    let sorted = true;
    try {
      for await (const entry of handle) {
        const item = { name: entry.name, isDir: entry.isDirectory(), isFile: entry.isFile(), isLink: entry.isSymbolicLink(), unknown: false };
        // Some network filesystems do not fill the entry type: ask lstat.
        item.unknown = !item.isDir && !item.isFile && !item.isLink && !entry.isFIFO() && !entry.isSocket() && !entry.isBlockDevice() && !entry.isCharacterDevice();
        if (sorted && pending.length < MAX_SORTED_ENTRIES) {
          pending.push(item);
          continue;
        }
        if (sorted) {
          // Too many entries to sort: stream the rest in on-disk order.
          sorted = false;
          for (const earlier of pending.splice(0)) yield* visit(earlier);
        }
        yield* visit(item);
      }
    } catch (error) {
      const { code, message } = reasonFromSystemError(error);
      yield { kind: 'failed', path: dir, reason: code, message: `Folder listing stopped: ${message}` };
    }
    if (sorted) {
      pending.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const prefetched = await prefetchStats(dir, pending, options.signal);
      for (const item of pending) yield* visit(item, prefetched.get(item.name));
    }
    // Depth-first in name order: push in reverse.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ dir: subdirs[i]!, layers });

    async function* visit(item: { name: string; isDir: boolean; isFile: boolean; isLink: boolean; unknown: boolean }, prefetched?: Stats): AsyncGenerator<WalkEntry> {
      const path = join(dir, item.name);
      let isDir = item.isDir;
      let isFile = item.isFile;
      let isLink = item.isLink;
      let stats: Stats | undefined;
      if (item.unknown) {
        try {
          stats = await lstat(path);
          isDir = stats.isDirectory();
          isFile = stats.isFile();
          isLink = stats.isSymbolicLink();
        } catch (error) {
          const { code, message } = reasonFromSystemError(error);
          yield { kind: 'failed', path, reason: code, message };
          return;
        }
      }
      const rel = relative(root, path).split(sep).join('/');
      if (isIgnored(rel, isDir, path, layers, exclude)) {
        if (!isDir) yield { kind: 'excluded', path };
        return;
      }
      if (isLink) {
        if (!options.followSymlinks) {
          yield { kind: 'skipped', path, reason: 'symlink', message: 'Symbolic link not followed (use --follow-symlinks to follow links).' };
          return;
        }
        try {
          stats = await stat(path);
          isDir = stats.isDirectory();
          isFile = stats.isFile();
        } catch (error) {
          const { code, message } = reasonFromSystemError(error);
          yield { kind: 'failed', path, reason: code, message: `Broken symbolic link: ${message}` };
          return;
        }
        if (isDir) {
          const real = await realpath(path);
          if (visited.has(real)) {
            yield { kind: 'skipped', path, reason: 'symlink', message: 'Symbolic link loop: this folder was already scanned.' };
            return;
          }
          visited.add(real);
        }
      }
      if (isDir) {
        subdirs.push(path);
        return;
      }
      if (include && !include.ignores(rel)) {
        yield { kind: 'excluded', path };
        return;
      }
      if (!isFile) {
        yield specialFile(path);
        return;
      }
      if (!stats && !isLink) stats = prefetched;
      if (!stats) {
        try {
          stats = await stat(path);
        } catch (error) {
          const { code, message } = reasonFromSystemError(error);
          yield { kind: 'failed', path, reason: code, message };
          return;
        }
      }
      yield { kind: 'file', path, stats };
    }
  }
}

/** Regular files' stats fetched this many at a time: one at a time, each waits a thread-pool round trip. */
const STAT_PARALLELISM = 32;

/**
 * Stats of the plain files of one listed folder, fetched in parallel ahead of the sequential
 * visit (a rescan that reuses stored results is otherwise bound by one `stat` round trip per
 * file). A file whose stat fails is left out: `visit` stats it again and reports the error.
 */
async function prefetchStats(dir: string, items: readonly { name: string; isFile: boolean; isLink: boolean; unknown: boolean }[], signal: AbortSignal | undefined): Promise<Map<string, Stats>> {
  const out = new Map<string, Stats>();
  const files = items.filter((item) => item.isFile && !item.isLink && !item.unknown);
  for (let i = 0; i < files.length && !signal?.aborted; i += STAT_PARALLELISM) {
    const batch = files.slice(i, i + STAT_PARALLELISM);
    const results = await Promise.allSettled(batch.map((item) => stat(join(dir, item.name))));
    results.forEach((result, k) => {
      if (result.status === 'fulfilled') out.set(batch[k]!.name, result.value);
    });
  }
  return out;
}

function isIgnored(rel: string, isDir: boolean, path: string, layers: readonly IgnoreLayer[], exclude: Ignore | undefined): boolean {
  const withSlash = (p: string) => (isDir ? `${p}/` : p);
  if (exclude?.ignores(withSlash(rel))) return true;
  for (const layer of layers) {
    const local = relative(layer.base, path).split(sep).join('/');
    if (local && !local.startsWith('..') && layer.matcher.ignores(withSlash(local))) return true;
  }
  return false;
}

async function readIgnoreFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** A glob pattern given as input: fast-glob walks it without following links by default. */
async function* walkGlob(pattern: string, options: WalkOptions): AsyncGenerator<WalkEntry> {
  const exclude = patternMatcher(options.exclude);
  const fg = require('fast-glob') as typeof fastGlob;
  const stream = fg.stream(pattern.split(sep).join('/'), {
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: options.followSymlinks ?? false,
    suppressErrors: true,
    stats: true,
    unique: false,
  });
  let any = false;
  for await (const item of stream as AsyncIterable<{ path: string; stats?: Stats }>) {
    if (options.signal?.aborted) return;
    any = true;
    const path = item.path;
    if (exclude?.ignores(relative(process.cwd(), resolve(path)).split(sep).join('/'))) {
      yield { kind: 'excluded', path };
      continue;
    }
    if (item.stats?.isSymbolicLink() && !options.followSymlinks) {
      yield { kind: 'skipped', path, reason: 'symlink', message: 'Symbolic link not followed (use --follow-symlinks to follow links).' };
      continue;
    }
    try {
      const stats = await stat(path);
      if (stats.isFile()) yield { kind: 'file', path, stats };
      else yield specialFile(path);
    } catch (error) {
      const { code, message } = reasonFromSystemError(error);
      yield { kind: 'failed', path, reason: code, message };
    }
  }
  if (!any) yield { kind: 'failed', path: pattern, reason: 'not-found', message: 'No file matches this pattern.' };
}

