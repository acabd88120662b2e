// Entry of a bulk-load worker thread (see bulkLoadClaims in bulk-load.ts).
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { loadSlice, type SliceMessage, type SliceTask } from './bulk-load';

const port = parentPort;
if (port === null) throw new Error('bulk-load-worker runs as a worker thread of bulkLoadClaims()');
const task = workerData as SliceTask;
const post = (message: SliceMessage): void => port.postMessage(message);

async function run(): Promise<void> {
  const client = new pg.Client({ connectionString: task.url, application_name: 'claimdesk-bench-load' });
  await client.connect();
  try {
    const kinds = await loadSlice(task, client, (rows) => post({ type: 'progress', rows }));
    post({ type: 'done', kinds });
  } finally {
    await client.end();
  }
}

run().catch((error: unknown) =>
  post({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
