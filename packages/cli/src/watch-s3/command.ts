import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError, loadOrCreateKey, parseKey, type Policy } from '@saring/core';
import { allDetectors } from '@saring/detectors';
import type { CliIO } from '../io.js';
import { EXIT } from '../exit-codes.js';
import { loadToken } from '../serve/auth.js';
import { loadPolicyFile } from '../serve/command.js';
import type { ObjectOutcome } from './s3-gate.js';

interface WatchS3Options {
  endpoint?: string;
  region?: string;
  incoming: string;
  clean: string;
  interval: string;
  once?: boolean;
  policy?: string;
  stopAtFirst?: boolean;
  timeout: string;
  fingerprintKeyFile?: string;
  eventsPort?: string;
  eventsHost: string;
  tokenFile?: string;
}

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

/** One line per object: status, reason, and the key only as a count — keys can be patient names. */
function describe(outcome: ObjectOutcome, index: number): string {
  return `saring watch-s3: object #${index} ${outcome.status}${outcome.reason ? ` (${outcome.reason})` : ''}\n`;
}

/**
 * `saring watch-s3`: gates uploads into an S3-compatible store. Objects land in the incoming
 * (quarantine) bucket; clean ones are copied to the clean bucket and tagged `saring-status=CLEAN`,
 * others are tagged `BLOCKED`/`FAILED` with `saring-reason` and stay. Polls for untagged
 * objects (and, with `--events-port`, gates objects as their S3 event notifications arrive);
 * `--once` makes one pass and exits 1 if anything was blocked, 3 if anything failed.
 */
export function registerWatchS3(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('watch-s3')
    .description('Gate uploads into an S3-compatible store: scan new objects in the incoming bucket, copy clean ones to the clean bucket, tag blocked ones.')
    .requiredOption('--incoming <bucket>', 'quarantine bucket uploads land in')
    .requiredOption('--clean <bucket>', 'bucket clean objects are copied to')
    .option('--endpoint <url>', 'S3-compatible endpoint (path-style), e.g. http://127.0.0.1:9000; default AWS')
    .option('--region <region>', 'region (default AWS_REGION or us-east-1)')
    .option('--interval <seconds>', 'seconds between polls of the incoming bucket', '10')
    .option('--once', 'one pass over untagged objects, then exit')
    .option('--policy <file>', 'policy JSON (see saring serve)')
    .option('--stop-at-first', 'stop reading an object at its first blocking finding')
    .option('--timeout <seconds>', 'time limit per object; over it the object is blocked', '120')
    .option('--fingerprint-key-file <file>', 'key for finding fingerprints (default: SARING_FINGERPRINT_KEY or the installation key)')
    .option('--events-port <port>', 'also receive S3 event notifications (MinIO/Ceph webhook, JSON POST) on this port; needs SARING_TOKEN or --token-file')
    .option('--events-host <address>', 'address for --events-port', '127.0.0.1')
    .option('--token-file <file>', 'bearer token event senders must present (default: SARING_TOKEN)')
    .action(async (options: WatchS3Options) => {
      const problems: string[] = [];
      const interval = Number(options.interval);
      if (!(interval > 0)) problems.push(`--interval must be a positive number of seconds (got "${options.interval}").`);
      const timeout = Number(options.timeout);
      if (!(timeout > 0)) problems.push(`--timeout must be a positive number of seconds (got "${options.timeout}").`);
      if (options.incoming === options.clean) problems.push('--incoming and --clean must be different buckets.');
      const eventsPort = options.eventsPort !== undefined ? Number(options.eventsPort) : undefined;
      if (eventsPort !== undefined && !(Number.isInteger(eventsPort) && eventsPort >= 0 && eventsPort <= 65535)) problems.push(`--events-port must be a port number (got "${options.eventsPort}").`);
      if (eventsPort !== undefined && options.once) problems.push('--events-port and --once do not go together.');
      let token = '';
      if (eventsPort !== undefined) {
        try {
          token = loadToken(options.tokenFile && resolve(io.cwd, options.tokenFile), io.env).token;
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
      let policy: Policy | undefined;
      try {
        policy = loadPolicyFile(options.policy, io.cwd, options.stopAtFirst);
      } catch (error) {
        problems.push(...(error instanceof UsageError ? error.problems : [(error as Error).message]));
      }
      if (problems.length || !policy) throw new UsageError(problems);
      const key = options.fingerprintKeyFile
        ? parseKey(readFileSync(resolve(io.cwd, options.fingerprintKeyFile), 'utf8'))
        : io.env.SARING_FINGERPRINT_KEY
          ? parseKey(io.env.SARING_FINGERPRINT_KEY)
          : loadOrCreateKey();
      // Loaded here, not at startup: the AWS SDK is large and only this command needs it.
      const { s3Client } = await import('./s3-gate.js');
      const { pollForever, pollOnce } = await import('./watcher.js');
      const region = options.region ?? io.env.AWS_REGION;
      const credentials = io.env.AWS_ACCESS_KEY_ID && io.env.AWS_SECRET_ACCESS_KEY ? { accessKeyId: io.env.AWS_ACCESS_KEY_ID, secretAccessKey: io.env.AWS_SECRET_ACCESS_KEY } : undefined;
      const client = s3Client({ ...(options.endpoint ? { endpoint: options.endpoint } : {}), ...(region ? { region } : {}), ...(credentials ? { credentials } : {}) });
      const gateOptions = {
        skip: new Set<string>(),
        client,
        incomingBucket: options.incoming,
        cleanBucket: options.clean,
        gate: { detectors: allDetectors, fingerprintKey: key, policy, timeoutMs: timeout * 1000 },
      };
      const counts: Record<ObjectOutcome['status'], number> = { CLEAN: 0, BLOCKED: 0, FAILED: 0 };
      let seen = 0;
      const onOutcome = (outcome: ObjectOutcome): void => {
        counts[outcome.status]++;
        io.stderr.write(describe(outcome, ++seen));
      };
      try {
        if (options.once) {
          try {
            await pollOnce(gateOptions, onOutcome);
          } catch (error) {
            io.stderr.write(`saring watch-s3: cannot list or read bucket ${options.incoming}: ${errorName(error)}\n`);
            setExit(EXIT.ERROR);
            return;
          }
        } else {
          const controller = new AbortController();
          void untilSignal().then(() => controller.abort());
          // Events give low latency; polling stays on as the safety net for a lost event.
          const { startEventListener } = await import('./events-server.js');
          const listener = eventsPort !== undefined ? await startEventListener({ host: options.eventsHost, port: eventsPort, token, gate: gateOptions, onOutcome }) : undefined;
          io.stderr.write(`saring watch-s3: watching bucket ${options.incoming} every ${interval} s${listener ? `; S3 events on ${listener.url}` : ''}\n`);
          try {
            await pollForever(gateOptions, interval * 1000, onOutcome, (error) => io.stderr.write(`saring watch-s3: polling failed: ${errorName(error)}\n`), controller.signal);
          } finally {
            await listener?.close();
          }
        }
      } finally {
        client.destroy();
      }
      io.stdout.write(`${JSON.stringify({ clean: counts.CLEAN, blocked: counts.BLOCKED, failed: counts.FAILED })}\n`);
      setExit(counts.BLOCKED ? EXIT.FINDINGS : counts.FAILED ? EXIT.INCOMPLETE : EXIT.CLEAN);
    });
}

/** The SDK error's name only (`NoSuchBucket`, `CredentialsProviderError`): never a body or a key. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}
