import type { Detector, WorkerScanSetup } from '@saring/core';
import { allClassifiers } from '@saring/detectors';
import { loadConfig } from './config/load.js';
import { resolveConfig } from './config/resolve.js';
import { loadDetectorModule } from './load-detectors.js';

/** What `saring scan --workers` hands each worker thread to rebuild the scan's detectors. */
export interface CliWorkerData {
  /** The config file the scan read (absolute), if any. */
  config?: string;
  /** `--detectors` modules, absolute paths, in order. */
  detectorModules: string[];
}

/**
 * Run in every scan worker (`ScanWorkers.setup`): the same detectors the main thread built in
 * `prepareScan`, from the same config file and modules, which were already checked there.
 */
export async function createScanOptions(data: CliWorkerData): Promise<WorkerScanSetup> {
  const { config } = resolveConfig(data.config ? await loadConfig(data.config) : undefined);
  let detectors: Detector[] = [...config.detectors];
  for (const module of data.detectorModules) detectors = [...detectors, ...(await loadDetectorModule(module))];
  return { detectors, classifiers: allClassifiers };
}

/** This module's URL for a worker: the built file, also when the CLI runs from its sources (tests). */
export function workerSetupUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../dist/worker-setup.js', here) : new URL('./worker-setup.js', here);
}
