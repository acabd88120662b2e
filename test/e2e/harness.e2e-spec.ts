import { queueBackends } from '@claimdesk/testing';
import { TestApi } from '../support/api-harness';

describe('the e2e API harness', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start(queueBackends()[0]!);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('serves the API over HTTP with a token per role', async () => {
    const token = await api.token('submitter');
    const created = await api.request('POST', '/api/v1/claims', { token, body: { text: 'Harness check claim' } });
    expect(created.status).toBe(201);
    const fetched = await api.request('GET', `/api/v1/claims/${created.body.id as string}`, { token });
    expect(fetched.body).toMatchObject({ text: 'Harness check claim', status: 'submitted' });
  });
});
