import type { FetchedDocument } from '@claimdesk/fetcher';
import { extractHtml, type PageContent } from './html-extractor';
import { extractPdfText } from './pdf-extractor';

/** Why a fetched document yielded no text. */
export class ExtractionFailure extends Error {
  readonly code = 'extraction_failed';
}

/**
 * Turns a fetched document into the text a snapshot keeps, with the page's
 * own title, publisher and date when it states them.
 */
export async function extractDocument(
  document: Pick<FetchedDocument, 'kind' | 'body' | 'charset'>,
): Promise<PageContent> {
  switch (document.kind) {
    case 'html':
      return extractHtml(decode(document.body, document.charset ?? sniffHtmlCharset(document.body)));
    case 'text':
      return {
        text: normalizePlainText(decode(document.body, document.charset)),
        title: null,
        publisher: null,
        publishedAt: null,
      };
    case 'pdf': {
      const result = await extractPdfText(document.body);
      if ('error' in result) throw new ExtractionFailure(`The PDF could not be read: ${result.error}`);
      return { text: normalizePlainText(result.text), title: result.title, publisher: null, publishedAt: null };
    }
  }
}

/** Decodes with the declared charset, falling back to UTF-8 for unknown labels. */
function decode(body: Buffer, charset: string | null): string {
  if (charset !== null && windows1252Labels.has(charset)) return decodeWindows1252(body);
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

/** Labels the Encoding Standard maps to windows-1252 (ISO-8859-1 pages included). */
const windows1252Labels = new Set([
  'windows-1252',
  'cp1252',
  'x-cp1252',
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'latin1',
  'l1',
  'us-ascii',
  'ascii',
]);

// Bytes 0x80–0x9F of windows-1252 (€, dashes, curly quotes, …); five are unassigned and kept as they are.
const windows1252High =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * windows-1252 by hand: Node's TextDecoder (20.18.3+, 22.13+) decodes 0x80–0x9F
 * to C1 controls, losing €, dashes and curly quotes (nodejs/node#56542).
 */
function decodeWindows1252(body: Buffer): string {
  return body
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (control) => windows1252High[control.charCodeAt(0) - 0x80]!);
}

/** The charset a page declares in its first KiB (`<meta charset>` or http-equiv). */
function sniffHtmlCharset(body: Buffer): string | null {
  const head = body.subarray(0, 1024).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

/** Unix line ends, no trailing spaces, at most one blank line in a row. */
function normalizePlainText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
