import path from 'node:path';
import { Worker } from 'node:worker_threads';

const workerFile = path.join(__dirname, 'pdf-text.worker.mjs');
const timeoutMs = 20_000;

/** The text and title of a PDF, or why they could not be read. */
export type PdfText = { text: string; title: string | null } | { error: string };

/**
 * Reads a PDF's text in a worker thread (see `pdf-text.worker.mjs`), which is
 * terminated if it runs longer than 20 s or past its memory limit.
 */
export function extractPdfText(body: Buffer): Promise<PdfText> {
  const bytes = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
  return new Promise((resolve) => {
    const worker = new Worker(workerFile, {
      workerData: bytes,
      transferList: [bytes as ArrayBuffer],
      resourceLimits: { maxOldGenerationSizeMb: 256 },
      stdout: true,
      stderr: true,
    });
    const timer = setTimeout(() => {
      resolve({ error: 'timed out' });
      void worker.terminate();
    }, timeoutMs);
    worker.once('message', (result: PdfText) => {
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      resolve({ error: error.message });
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ error: `the PDF reader stopped (exit ${code})` });
    });
  });
}
