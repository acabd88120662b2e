import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { FetchFailure } from './fetch-failure';

/**
 * Reads a response body, undoing its content encoding, and stops as soon as
 * the decoded size passes `maxBytes`: a small compressed body that inflates
 * to gigabytes (a decompression bomb) is cut off after `maxBytes`.
 */
export async function readLimitedBody(body: Readable, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let decoder: Transform | undefined;
  try {
    decoder = decoderFor(encoding);
    const decoded = decoder === undefined ? body : body.pipe(decoder);
    if (decoder !== undefined) body.on('error', (error) => decoder?.destroy(error));
    for await (const chunk of decoded as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        throw new FetchFailure('too_large', true, `The body is larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  } finally {
    decoder?.destroy();
    body.destroy();
  }
  return Buffer.concat(chunks, size);
}

function decoderFor(encoding: string | undefined): Transform | undefined {
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'identity':
    case '':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new FetchFailure(
        'unsupported_encoding',
        true,
        `The body is encoded as ${encoding}, which is not supported`,
      );
  }
}
