import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerScanSetup } from './options.js';
import { resolveDeps, scanFile } from './scan.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker-pool.js';

/*
 * A scan worker thread (engine/worker-pool.ts starts it): builds its own detectors with the
 * caller's setup module, then reads one file per request, exactly as `scan()` reads it in the
 * main thread, and posts the reports back.
 */

const init = workerData as WorkerInit;
const port = parentPort!;
const controller = new AbortController();

async function start(): Promise<void> {
  let setup: WorkerScanSetup;
  try {
    const module = (await import(init.setup)) as { createScanOptions?: (data: unknown) => WorkerScanSetup | Promise<WorkerScanSetup> };
    if (typeof module.createScanOptions !== 'function') throw new Error(`${init.setup} does not export createScanOptions(data).`);
    setup = await module.createScanOptions(init.data);
  } catch (error) {
    port.postMessage({ type: 'setup-failed', message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
    return;
  }
  const deps = resolveDeps({ ...setup, ...init.options, signal: controller.signal });
  port.on('message', (request: WorkerRequest) => {
    if (request.type === 'abort') controller.abort();
    else if (request.type === 'close') void deps.ocr?.close().finally(() => port.close());
    else void read(request.id, request.path, request.size, request.directories);
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);

  async function read(id: number, path: string, size: number, directories: { path: string; name: string }[]): Promise<void> {
    const masked: [string, string][] = [];
    try {
      const reports = await scanFile(path, size, directories, deps, (folder, name) => masked.push([folder, name]));
      port.postMessage({ type: 'done', id, reports, masked } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ type: 'crashed', id, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
    }
  }
}

void start();
