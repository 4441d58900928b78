import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/** Tokens shorter than this are refused: a bearer token must not be guessable. */
export const MIN_TOKEN_CHARS = 16;

export type AuthResult = 'ok' | 'missing' | 'invalid';

/**
 * Checks `Authorization: Bearer <token>` in constant time. Both sides are hashed first, so
 * `timingSafeEqual` compares equal-length digests and the token's length does not leak either.
 */
export function bearerChecker(token: string): (header: string | undefined) => AuthResult {
  const expected = createHash('sha256').update(token).digest();
  return (header) => {
    if (!header) return 'missing';
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (!match) return 'invalid';
    const given = createHash('sha256').update(match[1]!).digest();
    return timingSafeEqual(given, expected) ? 'ok' : 'invalid';
  };
}

/**
 * The service token, from `--token-file` or the `SARING_TOKEN` environment variable — never
 * from the command line, where `ps` and shell history would show it. Throws with a message an
 * administrator can act on; never echoes the token.
 */
export function loadToken(tokenFile: string | undefined, env: Readonly<Record<string, string | undefined>>): { token: string; warning?: string } {
  let token: string;
  let warning: string | undefined;
  if (tokenFile) {
    let text: string;
    try {
      text = readFileSync(tokenFile, 'utf8');
    } catch {
      throw new Error(`Cannot read the token file ${tokenFile}.`);
    }
    token = text.trim();
    // POSIX mode bits: a token readable by group or others is worth a warning, not a refusal.
    if ((statSync(tokenFile).mode & 0o077) !== 0) warning = `The token file ${tokenFile} is readable by other users; chmod 600 it.`;
  } else if (env.SARING_TOKEN) {
    token = env.SARING_TOKEN.trim();
  } else {
    throw new Error('saring serve needs a token: set SARING_TOKEN or pass --token-file <file>.');
  }
  if (token.length < MIN_TOKEN_CHARS || /\s/.test(token)) throw new Error(`The token must be at least ${MIN_TOKEN_CHARS} characters without spaces (e.g. from \`openssl rand -hex 32\`).`);
  return warning ? { token, warning } : { token };
}
