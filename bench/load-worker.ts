// Entry of the load generator's worker thread (see runLoad in load.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { drive, type LoadOptions } from './load';

const port = parentPort;
if (port === null) throw new Error('load-worker runs as a worker thread of runLoad()');

drive(workerData as LoadOptions, () => port.postMessage({ type: 'measuring' })).then(
  (result) => port.postMessage({ type: 'done', result }),
  (error: unknown) => port.postMessage({ type: 'failed', error: error instanceof Error ? error.stack : String(error) }),
);
