import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError, loadOrCreateKey, parseKey, resolvePolicy, type Policy, type PolicyInput } from '@saring/core';
import { allDetectors } from '@saring/detectors';
import type { CliIO } from '../io.js';
import { parseSize } from '../parse-size.js';
import { loadToken } from './auth.js';
import { SERVE_DEFAULTS } from './defaults.js';
import type { GateServer } from './server.js';

interface ServeCommandOptions {
  host: string;
  port: string;
  tokenFile?: string;
  policy?: string;
  stopAtFirst?: boolean;
  maxBodySize: string;
  maxConcurrent: string;
  timeout: string;
  instreamPort?: string;
  fingerprintKeyFile?: string;
}

/**
 * Reads a policy JSON file (see PolicyInput); problems are listed at once as a UsageError. A
 * detector id the policy names but no detector has is a problem too: a typo would silently
 * drop the rule.
 */
export function loadPolicyFile(path: string | undefined, cwd: string, stopAtFirst: boolean | undefined, knownDetectors: readonly string[] = allDetectors.map((d) => d.id)): Policy {
  let input: PolicyInput = {};
  if (path) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, path), 'utf8');
    } catch {
      throw new UsageError(`Cannot read the policy file ${path}.`);
    }
    try {
      input = JSON.parse(text) as PolicyInput;
    } catch {
      throw new UsageError(`The policy file ${path} is not valid JSON.`);
    }
  }
  const policy = resolvePolicy(stopAtFirst ? { ...input, stopAtFirst: true } : input);
  const unknown = Object.keys(policy.detectors).filter((id) => !knownDetectors.includes(id));
  if (unknown.length) throw new UsageError(unknown.map((id) => `The policy names detector "${id}", which does not exist (see saring detectors).`));
  return policy;
}

function fingerprintKey(file: string | undefined, io: CliIO): Uint8Array {
  if (file) return parseKey(readFileSync(resolve(io.cwd, file), 'utf8'));
  if (io.env.SARING_FINGERPRINT_KEY) return parseKey(io.env.SARING_FINGERPRINT_KEY);
  return loadOrCreateKey();
}

function integer(name: string, value: string, min: number, max: number, problems: string[]): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}").`);
  return n;
}

/** Resolves when SIGINT or SIGTERM arrives. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `saring serve`: the pre-upload gate as an HTTP service (and optionally clamd INSTREAM).
 * `waitForStop` is the test seam: by default the service runs until SIGINT/SIGTERM.
 */
export function registerServe(program: Command, io: CliIO, _setExit: (code: number) => void, waitForStop: (server: GateServer) => Promise<void> = () => untilSignal()): void {
  program
    .command('serve')
    .description('Run the pre-upload gate: POST a file to /v1/scan and get allow/block. The token comes from SARING_TOKEN or --token-file, never the command line.')
    .option('--host <address>', 'address to listen on (keep loopback unless a TLS proxy is in front)', SERVE_DEFAULTS.host)
    .option('--port <port>', 'HTTP port (0 picks a free one)', String(SERVE_DEFAULTS.port))
    .option('--token-file <file>', 'file holding the bearer token (default: the SARING_TOKEN environment variable)')
    .option('--policy <file>', 'policy JSON: what blocks (blockSeverity, minConfidence, detectors, blockLabels, allowReasons, stopAtFirst)')
    .option('--stop-at-first', 'stop reading an upload at its first blocking finding')
    .option('--max-body-size <size>', 'largest upload accepted (413 above it)', '100MiB')
    .option('--max-concurrent <n>', 'uploads scanned at once (503 above it)', String(SERVE_DEFAULTS.maxConcurrent))
    .option('--timeout <seconds>', 'time limit per upload; over it the upload is blocked', String(SERVE_DEFAULTS.requestTimeoutMs / 1000))
    .option('--instream-port <port>', 'also speak clamd INSTREAM on this TCP port (no authentication: loopback only)')
    .option('--fingerprint-key-file <file>', 'key for finding fingerprints (default: SARING_FINGERPRINT_KEY or the installation key)')
    .action(async (options: ServeCommandOptions) => {
      const problems: string[] = [];
      const port = integer('--port', options.port, 0, 65535, problems);
      const maxConcurrent = integer('--max-concurrent', options.maxConcurrent, 1, 1024, problems);
      const timeoutSeconds = Number(options.timeout);
      if (!(timeoutSeconds > 0 && timeoutSeconds <= 3600)) problems.push(`--timeout must be a number of seconds from 0 to 3600 (got "${options.timeout}").`);
      const instreamPort = options.instreamPort !== undefined ? integer('--instream-port', options.instreamPort, 0, 65535, problems) : undefined;
      let maxBodyBytes = 0;
      try {
        maxBodyBytes = parseSize(options.maxBodySize);
      } catch (error) {
        problems.push((error as Error).message);
      }
      let token = '';
      try {
        const loaded = loadToken(options.tokenFile && resolve(io.cwd, options.tokenFile), io.env);
        token = loaded.token;
        if (loaded.warning) io.stderr.write(`saring serve: warning: ${loaded.warning}\n`);
      } catch (error) {
        problems.push((error as Error).message);
      }
      let policy: Policy | undefined;
      try {
        policy = loadPolicyFile(options.policy, io.cwd, options.stopAtFirst);
      } catch (error) {
        problems.push(...(error instanceof UsageError ? error.problems : [(error as Error).message]));
      }
      if (problems.length || !policy) throw new UsageError(problems);
      if (!isLoopback(options.host)) io.stderr.write(`saring serve: warning: listening on ${options.host}, not loopback; put a TLS proxy in front.\n`);

      // The server (node:http, node:net) is loaded only when `serve` runs, not at every start-up.
      const { startGateServer } = await import('./server.js');
      const server = await startGateServer({
        token,
        detectors: allDetectors,
        fingerprintKey: fingerprintKey(options.fingerprintKeyFile, io),
        policy,
        host: options.host,
        port,
        maxBodyBytes,
        maxConcurrent,
        requestTimeoutMs: timeoutSeconds * 1000,
        ...(instreamPort !== undefined ? { instreamPort } : {}),
        log: (line) => void io.stderr.write(`${line}\n`),
      });
      io.stderr.write(`saring serve: listening on ${server.url} (POST /v1/scan, GET /healthz, GET /metrics)${server.instreamPort !== undefined ? `, clamd INSTREAM on ${options.host}:${server.instreamPort}` : ''}\n`);
      await waitForStop(server);
      await server.close();
    });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
