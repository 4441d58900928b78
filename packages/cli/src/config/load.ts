import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '@saring/core';
import type { RawConfig } from './schema.js';

/** File names looked for, in this order, in the working directory and each folder above it. */
export const CONFIG_FILE_NAMES = ['saring.config.json', 'saring.config.jsonc'] as const;

/** A config read from disk, with where it came from (relative paths in it are relative to its folder). */
export interface LoadedConfig {
  path: string;
  raw: RawConfig;
  /** Problems with the file's shape; `raw` then holds the valid rest, so later checks can add theirs. */
  problems: string[];
}

/** The nearest config file from `cwd` upward, or undefined. Stops at the filesystem root. */
export function findConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Removes `//` and `/* *\/` comments and trailing commas outside strings, so a `.jsonc`-style
 * file (as `saring init` writes) parses as JSON. Linear; strings and escapes are respected.
 */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += ch;
      i++;
    }
  }
  return dropTrailingCommas(out);
}

/** Removes a comma followed only by whitespace and `}` or `]`, outside strings. */
function dropTrailingCommas(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
      continue;
    }
    if (ch === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text[j] === '}' || text[j] === ']') continue;
    }
    out += ch;
  }
  return out;
}

/** `detectors.disable[1]` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(top level)';
}

/**
 * Reads and validates a config file. Every problem is listed at once, each naming the key and
 * what is wrong (`problems`; the caller refuses to scan). The file is data: nothing in it is executed.
 * The schema (and zod with it) is loaded only here, so a scan without a config file never pays for it.
 */
export async function loadConfig(path: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: the config file could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(stripJsonComments(text));
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON: ${(error as Error).message}`);
  }
  const { configSchema } = await import('./schema.js');
  const parsed = configSchema.safeParse(json);
  if (parsed.success) return { path, raw: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((issue) => `${path}: ${formatPath(issue.path)}: ${issue.message}`);
  // To list every problem at once, check the rest of the file too: drop the top-level keys with
  // problems and resolve what is left (unknown detector ids, unsafe patterns ...).
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const bad = new Set(parsed.error.issues.map((issue) => issue.path[0]));
    const rest = configSchema.safeParse(Object.fromEntries(Object.entries(json).filter(([k]) => !bad.has(k))));
    if (rest.success) return { path, raw: rest.data, problems };
  }
  throw new UsageError(problems);
}
