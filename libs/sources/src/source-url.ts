/** Longest URL accepted for a source. */
export const maxUrlLength = 2048;

/**
 * The canonical form of a source URL, used to recognise the same source cited
 * twice: http(s) only, no credentials, lower-case host, no default port, no
 * fragment. Returns null for anything else.
 */
export function normalizeSourceUrl(raw: string): string | null {
  if (raw.length > maxUrlLength) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  url.hash = '';
  return url.toString();
}
