// The setup module the worker tests give `scan({ workers })`: each worker thread imports it and
// builds its detectors from the built packages (worker threads run plain JavaScript).
import { allClassifiers, allDetectors } from '../../detectors/dist/index.js';
import { textExtractor } from '../dist/index.js';

/** A text reader that misbehaves on cue, to show one worker's death fails only its own file. */
const misbehaving = {
  id: 'misbehaving-text',
  formats: ['text'],
  async *extract(input, context) {
    if (input.name === 'exit.txt') process.exit(7);
    if (input.name === 'loop.txt') for (;;);
    if (input.name === 'memory.txt') {
      const hoard = [];
      for (;;) hoard.push(new Array(1_000_000).fill(input.name));
    }
    yield* textExtractor.extract(input, context);
  },
};

export function createScanOptions(data) {
  if (data?.fail) throw new Error('this setup was told to fail');
  return { detectors: allDetectors, classifiers: allClassifiers, ...(data?.misbehave ? { extractors: [misbehaving] } : {}) };
}
