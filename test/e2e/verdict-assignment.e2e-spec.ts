import { queueBackends } from '@claimdesk/testing';
import { TestApi } from '../support/api-harness';
import { expectProblem, type Problem } from '../support/problems';

/** VERDICTS_REQUIRE_ASSIGNMENT: a check in the verdict's transaction; one queue backend is enough. */
describe('verdicts limited to assigned reviewers (VERDICTS_REQUIRE_ASSIGNMENT=true)', () => {
  let api: TestApi;
  let editor: string;

  beforeAll(async () => {
    api = await TestApi.start(queueBackends()[0]!, { env: { VERDICTS_REQUIRE_ASSIGNMENT: 'true' } });
    editor = await api.token('editor');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('refuses an unassigned reviewer with 409 and takes the verdict of an assigned one', async () => {
    const created = await api.request<{ id: string }>('POST', '/api/v1/claims', {
      token: editor,
      body: { text: 'Library visits doubled in a year.' },
    });
    const id = created.body.id;
    await api.request('POST', `/api/v1/claims/${id}/transitions`, { token: editor, body: { to: 'in_review' } });
    const reviewer = await api.newUser('reviewer');
    const mayGive = async () =>
      (await api.request<{ mayGiveVerdict: boolean }>('GET', `/api/v1/claims/${id}`, { token: reviewer.token })).body
        .mayGiveVerdict;
    const give = () =>
      api.request<Problem>('POST', `/api/v1/claims/${id}/verdicts`, {
        token: reviewer.token,
        body: { rating: 'false', rationale: 'The annual report says 12%.' },
      });

    expect(await mayGive()).toBe(false);
    const refused = await give();
    expectProblem(refused, 409, 'verdict.not_assigned');
    expect(refused.body.detail).toBe(
      'Only reviewers assigned to this claim may give a verdict on it. Ask an editor to assign you.',
    );

    const assigned = await api.request('POST', `/api/v1/claims/${id}/assignments`, {
      token: editor,
      body: { reviewerEmail: reviewer.email },
    });
    expect(assigned.status).toBe(201);
    expect(await mayGive()).toBe(true);
    expect((await give()).status).toBe(201);
  });
});
