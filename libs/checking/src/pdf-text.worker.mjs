// Extracts the text of a PDF with pdf.js in a worker thread: pdf.js ships as an
// ES module and parsing is CPU-bound, so it runs here, off the job's event loop,
// with its own memory limit. Receives the bytes, answers { text, title } or { error }.
import { parentPort, workerData } from 'node:worker_threads';

const maxPages = 500;

async function extract(bytes) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  try {
    const pages = [];
    for (let number = 1; number <= Math.min(document.numPages, maxPages); number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (typeof item.str !== 'string') continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
        else if (item.str !== '' && !text.endsWith(' ')) text += ' ';
      }
      pages.push(text);
      page.cleanup();
    }
    const metadata = await document.getMetadata().catch(() => null);
    const title =
      typeof metadata?.info?.Title === 'string' && metadata.info.Title.trim() !== ''
        ? metadata.info.Title.trim()
        : null;
    return { text: pages.join('\n\n'), title };
  } finally {
    await document.destroy();
  }
}

extract(new Uint8Array(workerData))
  .then((result) => parentPort.postMessage(result))
  .catch((error) => parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) }));
