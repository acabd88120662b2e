import { articleUrl, ClaimGenerator, rngFor } from './generate-claims';

/** One HTTP request of a load run. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What a load run sends: claims made up on the fly, or a fixed list cycled through. */
export type Scenario =
  | {
      kind: 'submit-claims';
      path: string;
      token: string;
      seed: number;
      /** First index into the generator's stream, so runs of one benchmark never repeat each other. */
      start: number;
      claimants: number;
      /** Articles most appearances cite (found); the others cite an article of their own (created). */
      popularUrls: number;
      keyPrefix: string;
    }
  | { kind: 'requests'; requests: LoadRequest[]; keyPrefix?: string };

/** What a response is counted as, beyond its status: e.g. whether a search found anything. */
export type Inspection = 'none' | 'search-hits' | 'similar-found';

/** The n-th request of the scenario. */
export function requestFactory(scenario: Scenario): (n: number) => LoadRequest {
  if (scenario.kind === 'requests') {
    const { requests, keyPrefix } = scenario;
    return (n) => {
      const request = requests[n % requests.length]!;
      if (keyPrefix === undefined) return request;
      return { ...request, headers: { ...request.headers, 'idempotency-key': `${keyPrefix}-${n}` } };
    };
  }
  const generator = new ClaimGenerator({ seed: scenario.seed, claimants: scenario.claimants, total: 10_000_000 });
  const headers = {
    authorization: `Bearer ${scenario.token}`,
    'content-type': 'application/json',
  };
  const popularUrl = (k: number): string =>
    articleUrl(rngFor(scenario.seed, k, 3), generator.claimAt(scenario.start + 5_000_000 + k).text);
  return (n) => {
    const index = scenario.start + n;
    const claim = generator.claimAt(index);
    const claimant = generator.claimants[claim.claimant]!;
    const rng = rngFor(scenario.seed, index, 2);
    const url = rng.chance(0.7)
      ? popularUrl(rng.int(scenario.popularUrls))
      : `${articleUrl(rng, claim.text)}-${index.toString(36)}`;
    const words = claim.text.split(' ');
    const quote = rng.chance(0.3) ? words.slice(0, Math.max(3, Math.ceil(words.length / 2))).join(' ') : undefined;
    const body = {
      text: claim.text,
      claimant: rng.chance(0.9) ? { name: claimant.name, role: claimant.role } : { name: claimant.name },
      ...(claim.claimDate === null ? {} : { claimDate: claim.claimDate }),
      language: 'en',
      tags: claim.tags,
      appearance: quote === undefined ? { url } : { url, quote },
    };
    return {
      method: 'POST',
      path: scenario.path,
      headers: { ...headers, 'idempotency-key': `${scenario.keyPrefix}-${n}` },
      body: JSON.stringify(body),
    };
  };
}

/** Sorts a response into a named outcome for the run's tally. */
export function inspect(inspection: Inspection, body: string): string | undefined {
  if (inspection === 'none') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'unparsable response';
  }
  if (inspection === 'search-hits') {
    const items = (parsed as { items?: unknown }).items;
    return Array.isArray(items) && items.length > 0 ? 'found' : 'nothing found';
  }
  const similar = (parsed as { similar?: { match?: string }[] }).similar;
  if (!Array.isArray(similar) || similar.length === 0) return 'no similar claim';
  return similar.some((item) => item.match === 'near') ? 'near match found' : 'exact match only';
}
