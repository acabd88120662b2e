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
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
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
