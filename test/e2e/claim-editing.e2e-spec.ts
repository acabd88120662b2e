import { eventually, queueBackends } from '@claimdesk/testing';
import { TestApi } from '../support/api-harness';
import { expectProblem, type Problem } from '../support/problems';

interface Claim {
  id: string;
  text: string;
  headline: string | null;
  status: string;
  version: number;
  claimant: { id: string; name: string; role: string | null } | null;
  claimDate: string | null;
  tags: string[];
  verdicts: { rating: string }[];
}

interface ClaimEvent {
  action: string;
  actor: { id: string } | null;
  data: Record<string, unknown>;
}

/** Editing happens in one transaction on PostgreSQL: the queue backend plays no part, so one is enough. */
describe('editing a claim before publication', () => {
  let api: TestApi;
  let editor: string;
  let submitter: string;

  beforeAll(async () => {
    api = await TestApi.start(queueBackends()[0]!, { worker: true });
    editor = await api.token('editor');
    submitter = await api.token('submitter');
  });

  afterAll(async () => {
    await api?.close();
  });

  const submit = async (body: Record<string, unknown>): Promise<Claim> => {
    const response = await api.request<Claim>('POST', '/api/v1/claims', { token: submitter, body });
    expect(response.status).toBe(201);
    return response.body;
  };

  const edit = (id: string, body: unknown, options: { token?: string; ifMatch?: string } = {}) =>
    api.request<Claim & Problem>('PATCH', `/api/v1/claims/${id}`, {
      token: options.token ?? editor,
      body,
      headers: options.ifMatch === undefined ? {} : { 'if-match': options.ifMatch },
    });

  const eventsOf = async (id: string) =>
    (await api.request<{ items: ClaimEvent[] }>('GET', `/api/v1/claims/${id}/events`, { token: editor })).body.items;

  it('replaces the fields given, moves the version on and records each change with its old value', async () => {
    const claim = await submit({
      text: 'The new bridge cost 40 million.',
      claimant: { name: 'Ana Builder', role: 'Transport minister' },
      claimDate: '2026-03-01',
      tags: ['transport'],
    });
    const response = await edit(
      claim.id,
      {
        text: 'The new bridge cost 400 million.',
        headline: 'Did the bridge cost 400 million?',
        claimant: { name: 'Ana Builder', role: 'Prime minister' },
        claimDate: '2026-03-02',
        tags: ['Transport', 'budget'],
      },
      { ifMatch: `"${claim.version}"` },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${claim.version + 1}"`);
    expect(response.body).toMatchObject({
      text: 'The new bridge cost 400 million.',
      headline: 'Did the bridge cost 400 million?',
      claimant: { name: 'Ana Builder', role: 'Prime minister' },
      claimDate: '2026-03-02',
      tags: ['transport', 'budget'],
      version: claim.version + 1,
      status: 'submitted',
    });
    const edited = (await eventsOf(claim.id)).filter((event) => event.action === 'claim.edited');
    expect(edited).toHaveLength(1);
    expect(edited[0]!.data).toEqual({
      version: claim.version + 1,
      changes: {
        text: { from: 'The new bridge cost 40 million.', to: 'The new bridge cost 400 million.' },
        headline: { from: null, to: 'Did the bridge cost 400 million?' },
        tags: { from: ['transport'], to: ['transport', 'budget'] },
        claimDate: { from: '2026-03-01', to: '2026-03-02' },
        claimant: {
          from: { name: 'Ana Builder', role: 'Transport minister' },
          to: { name: 'Ana Builder', role: 'Prime minister' },
        },
      },
    });

    // null clears; an edit that changes nothing changes nothing, not even the version.
    const cleared = await edit(claim.id, { headline: null, claimant: null, claimDate: null });
    expect(cleared.body).toMatchObject({ headline: null, claimant: null, claimDate: null });
    const same = await edit(claim.id, { tags: ['budget', 'transport', 'budget'].slice(1) });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(cleared.body.version);
    expect((await eventsOf(claim.id)).filter((event) => event.action === 'claim.edited')).toHaveLength(2);
  });

  it("keeps each claim's speaker role: a known speaker's new role is not dropped", async () => {
    const asMayor = await submit({ text: 'Parks grew by a fifth.', claimant: { name: 'Jo Role', role: 'Mayor' } });
    const asSenator = await submit({ text: 'Taxes fell by a tenth.', claimant: { name: 'Jo Role', role: 'Senator' } });
    const withoutRole = await submit({ text: 'Bins are emptied weekly.', claimant: { name: 'Jo Role' } });
    expect(asSenator.claimant).toEqual({ ...asMayor.claimant, role: 'Senator' });
    const read = async (id: string) =>
      (await api.request<Claim>('GET', `/api/v1/claims/${id}`, { token: editor })).body.claimant?.role;
    expect(await read(asMayor.id)).toBe('Mayor');
    expect(await read(asSenator.id)).toBe('Senator');
    // Without one of its own, a claim shows the speaker's first known role.
    expect(await read(withoutRole.id)).toBe('Mayor');
  });

  it('refuses what it must: roles, stale versions, empty or unknown fields, and published claims', async () => {
    const claim = await submit({ text: 'Water bills rose by 8%.' });
    expectProblem(await edit(claim.id, { text: 'x' }, { token: submitter }), 403, 'auth.role_too_low');
    expectProblem(
      await edit(claim.id, { text: 'Water bills rose by 9%.' }, { ifMatch: '"99"' }),
      412,
      'claim.version_mismatch',
    );
    const empty = await edit(claim.id, {});
    expectProblem(empty, 400, 'claim.invalid');
    const unknown = await edit(claim.id, { status: 'published' });
    expect(unknown.status).toBe(400);
    const blank = await edit(claim.id, { text: '  ?!  ' });
    expectProblem(blank, 400, 'claim.invalid');
    expect(blank.body.errors).toEqual([{ field: 'text', message: 'Text must contain at least one letter or digit.' }]);
    const badTags = await edit(claim.id, { tags: ['x'.repeat(51)] });
    expect(badTags.status).toBe(400);
    expect((await edit('00000000-0000-4000-8000-000000000000', { text: 'Hello.' })).status).toBe(404);

    const reviewers = [await api.newUser('reviewer'), await api.newUser('reviewer')];
    const move = (body: Record<string, unknown>) =>
      api.request('POST', `/api/v1/claims/${claim.id}/transitions`, { token: editor, body });
    expect((await move({ to: 'in_review' })).status).toBe(200);
    for (const reviewer of reviewers) {
      await api.request('POST', `/api/v1/claims/${claim.id}/verdicts`, {
        token: reviewer.token,
        body: { rating: 'true', rationale: 'The bills say so.' },
      });
    }
    await eventually(async () => {
      const { body } = await api.request<Claim>('GET', `/api/v1/claims/${claim.id}`, { token: editor });
      return body.status === 'awaiting_approval' ? true : undefined;
    });
    expect((await move({ to: 'published', summary: 'They did.' })).status).toBe(200);
    const published = await edit(claim.id, { text: 'Water bills rose by 80%.' });
    expectProblem(published, 409, 'claim.not_editable');
    expect(published.body.detail).toBe('A published claim is edited by reopening it for correction first.');
  });

  it('starts a new round of verdicts: those given on the text before count no more', async () => {
    const claim = await submit({ text: 'Rents rose 3% last year.' });
    await api.request('POST', `/api/v1/claims/${claim.id}/transitions`, { token: editor, body: { to: 'in_review' } });
    const reviewer = await api.newUser('reviewer');
    const given = await api.request('POST', `/api/v1/claims/${claim.id}/verdicts`, {
      token: reviewer.token,
      body: { rating: 'false', rationale: 'They rose 7%.' },
    });
    expect(given.status).toBe(201);
    const before = await api.request<Claim>('GET', `/api/v1/claims/${claim.id}`, { token: editor });
    expect(before.body.verdicts).toHaveLength(1);
    const edited = await edit(claim.id, { text: 'Rents rose 30% last year.' });
    expect(edited.status).toBe(200);
    expect(edited.body.status).toBe('in_review');
    expect(edited.body.verdicts).toEqual([]);
  });

  it('matches the edited text: a restatement of the new wording finds the claim', async () => {
    const claim = await submit({ text: 'The harbour tunnel opened three years late.' });
    await edit(claim.id, { text: 'The lighthouse restoration finished eleven months early.' });
    await eventually(async () => {
      const { body } = await api.request<{ items: { claim: { id: string } }[] }>('POST', '/api/v1/claims/matches', {
        token: submitter,
        body: { text: 'lighthouse restoration was finished 11 months early' },
      });
      return body.items[0]?.claim.id === claim.id ? true : undefined;
    });
  });
});
