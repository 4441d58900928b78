const MiB = 1024 * 1024;

/**
 * Defaults: loopback only, 100 MiB per upload (clamd's StreamMaxLength), 60 s per upload. Kept
 * apart from `server.ts` so the CLI can show them in `--help` without loading node:http.
 */
export const SERVE_DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  port: 7341,
  maxBodyBytes: 100 * MiB,
  maxConcurrent: 8,
  requestTimeoutMs: 60_000,
});
