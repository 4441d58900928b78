import { pathToFileURL } from 'node:url';
import { UsageError, type Detector } from '@saring/core';

/**
 * Loads custom detectors from an ES module: a default export (one detector or an array) or a
 * named `detectors` array. The caller checks them together with the built-ins before any file is read.
 */
export async function loadDetectorModule(path: string): Promise<Detector[]> {
  const module = (await import(pathToFileURL(path).href)) as { default?: unknown; detectors?: unknown };
  const exported = module.detectors ?? module.default;
  const list = (Array.isArray(exported) ? exported : exported ? [exported] : []) as Detector[];
  if (list.length === 0) throw new UsageError(`${path}: export a detector or an array of detectors (default export or "detectors").`);
  return list;
}
