import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Length of the hex fingerprint kept in reports (128 bits). */
export const FINGERPRINT_HEX_CHARS = 32;

/**
 * Keyed HMAC-SHA256 of a detector id and a normalized value. Unkeyed hashes of a NIK are
 * brute-forceable (a structured 16-digit space), so the key never leaves the installation.
 */
export function fingerprint(key: Uint8Array, detectorId: string, value: string): string {
  // One update of `id NUL value`: the same bytes as three updates, one native call instead of three.
  return createHmac('sha256', key).update(`${detectorId}\u0000${value}`).digest('hex').slice(0, FINGERPRINT_HEX_CHARS);
}

/** Where the per-installation key lives unless the user gives one. */
export function defaultKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'saring', 'fingerprint.key');
}

/**
 * Reads the installation's fingerprint key, creating a random 32-byte key with mode 0600 on
 * first use. The file is outside anything scanned; the key never appears in a report.
 */
export function loadOrCreateKey(path: string = defaultKeyPath()): Uint8Array {
  try {
    return parseKey(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

/** Accepts a hex key (64 hex chars) or any other string of at least 16 characters, used as UTF-8. */
export function parseKey(text: string): Uint8Array {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (trimmed.length < 16) throw new Error('The fingerprint key must be at least 16 characters long.');
  return Buffer.from(trimmed, 'utf8');
}
