import { fieldProblem } from '@claimdesk/errors';
import type { ClaimSummaryView } from '@claimdesk/claims';
import { CreateClaimRequest } from '../claims/create-claim.request';
import { ListClaimsQuery } from '../claims/list-claims.query';
import {
  errorsById,
  isFiltered,
  queueFields,
  queuePageHref,
  queueParamsOf,
  queueRows,
  sourceProblems,
  submissionErrors,
  submissionFields,
  submissionInput,
  submissionValuesOf,
  tagsOf,
} from './claims-pages.view-model';
import { formErrors, validateForm } from './forms';

function aSummary(overrides: Partial<ClaimSummaryView> = {}): ClaimSummaryView {
  return {
    id: '5f0c6a52-8f0e-4c55-9d7e-0c1f2b3a4d5e',
    text: 'Bus lanes cut journey times by half.',
    headline: null,
    status: 'in_review',
    version: 2,
    claimant: { id: 'a0c6a52f-8f0e-4c55-9d7e-0c1f2b3a4d5e', name: 'Ana Ruiz', role: 'Mayor' },
    claimDate: null,
    language: 'en',
    tags: ['transport'],
    createdAt: new Date('2026-01-02T10:00:00Z'),
    updatedAt: new Date('2026-01-03T10:00:00Z'),
    statusChangedAt: new Date('2026-01-03T10:00:00Z'),
    ...overrides,
  };
}

describe('the queue', () => {
  it('reads the known parameters of a filter form, trimmed, leaving out empty ones and unknown ones', () => {
    const params = queueParamsOf({ q: ' bus lanes ', status: '', claimant: 'Ana', tag: '  ', extra: 'x', _csrf: 'y' });

    expect(params).toEqual({ q: 'bus lanes', claimant: 'Ana' });
  });

  it('takes the first of a repeated parameter', () => {
    expect(queueParamsOf({ status: ['published', 'rejected'] })).toEqual({ status: 'published' });
  });

  it('validates the parameters with the API query class, converting the page size', async () => {
    const valid = await validateForm(ListClaimsQuery, queueParamsOf({ status: 'in_review', limit: '2' }));
    const invalid = await validateForm(ListClaimsQuery, queueParamsOf({ status: 'lost', assignee: 'you' }));

    expect(valid.value).toMatchObject({ status: 'in_review', limit: 2 });
    expect(invalid.problems?.map((problem) => problem.field)).toEqual(['status', 'assignee']);
    const errors = formErrors(invalid.problems!, queueFields);
    expect(errors.list.map((error) => error.id)).toEqual(['status', 'assignee']);
    expect(errorsById(errors, queueFields)).toEqual({
      status: expect.stringMatching(/^Status /) as string,
      assignee: expect.stringMatching(/^Assigned to me /) as string,
    });
  });

  it('links a page with the same filters and page size, and the first page without a cursor', () => {
    const params = { q: 'bus & tram', tag: 'transport', limit: '2', cursor: 'old' };

    expect(queuePageHref(params, 'eyJ0Ijoi')).toBe('/claims?q=bus+%26+tram&tag=transport&cursor=eyJ0Ijoi&limit=2');
    expect(queuePageHref(params)).toBe('/claims?q=bus+%26+tram&tag=transport&limit=2');
    expect(queuePageHref({})).toBe('/claims');
  });

  it('counts filters, not paging, as filtering', () => {
    expect(isFiltered({ cursor: 'x', limit: '5' })).toBe(false);
    expect(isFiltered({ assignee: 'me' })).toBe(true);
  });

  it('makes table rows with assignees, tag links, a cut text and the score of a search', () => {
    const long = 'word '.repeat(100).trim();
    const [row, cut] = queueRows(
      [aSummary({ score: 0.83456, tags: ['a&b'] }), aSummary({ id: 'other', text: long, claimant: null })],
      new Map([['5f0c6a52-8f0e-4c55-9d7e-0c1f2b3a4d5e', [{ name: 'Ada' }, { name: 'Ben' }]]]),
    );

    expect(row).toMatchObject({
      href: '/claims/5f0c6a52-8f0e-4c55-9d7e-0c1f2b3a4d5e',
      text: 'Bus lanes cut journey times by half.',
      claimant: 'Ana Ruiz',
      claimantRole: 'Mayor',
      statusLabel: 'In review',
      tags: [{ name: 'a&b', href: '/claims?tag=a%26b' }],
      assignees: ['Ada', 'Ben'],
      updatedDay: '3 Jan 2026',
      updatedTime: '10:00 UTC',
      score: '0.83',
    });
    expect(row!.fullText).toBeUndefined();
    expect(cut!.text.length).toBeLessThanOrEqual(280);
    expect(cut!.text.endsWith('…')).toBe(true);
    expect(cut).toMatchObject({ fullText: long, claimant: null, assignees: [] });
    expect(cut!.score).toBeUndefined();
  });
});

describe('the submission form', () => {
  it('builds the request from every field, with tags split on commas', () => {
    const values = submissionValuesOf({
      text: ' The plan costs 2 million. ',
      claimantName: 'Ana Ruiz',
      claimantRole: 'Mayor',
      claimDate: '2026-01-02',
      language: 'pt-BR',
      tags: 'housing, , Budget ,',
      url: 'https://news.example.org/a',
      quote: 'two million',
      _csrf: 'token',
    });

    expect(submissionInput(values)).toEqual({
      text: 'The plan costs 2 million.',
      claimant: { name: 'Ana Ruiz', role: 'Mayor' },
      claimDate: '2026-01-02',
      language: 'pt-BR',
      tags: ['housing', 'Budget'],
      appearance: { url: 'https://news.example.org/a', quote: 'two million' },
    });
  });

  it('leaves out the optional parts left empty', () => {
    expect(
      submissionInput(submissionValuesOf({ text: 'Only text.', claimantName: ' ', url: '', tags: ' , ' })),
    ).toEqual({
      text: 'Only text.',
    });
  });

  it('keeps a role without a name and a quote without a URL, so that the missing part is asked for', async () => {
    const values = submissionValuesOf({ text: 'A claim.', claimantRole: 'Mayor', quote: 'the words' });
    const { problems } = await validateForm(CreateClaimRequest, submissionInput(values));
    const all = [...problems!, ...sourceProblems(values)];

    const errors = submissionErrors(all, values);

    expect(errors.list).toEqual([
      { id: 'claimantName', message: 'Speaker name is needed when a role is given.' },
      { id: 'url', message: 'Source URL is needed to check the quote.' },
    ]);
  });

  it('reports an empty claim as needed and a URL the service would refuse, together', async () => {
    const values = submissionValuesOf({ text: '', url: 'ftp://x', tags: 'fine' });
    const { problems } = await validateForm(CreateClaimRequest, submissionInput(values));

    const errors = submissionErrors([...problems!, ...sourceProblems(values)], values);

    expect(errors.list).toEqual([
      { id: 'text', message: 'Claim is needed.' },
      { id: 'url', message: 'Source URL must be an http or https URL without credentials.' },
    ]);
    expect(errorsById(errors, submissionFields)).toEqual({
      text: 'Claim is needed.',
      url: 'Source URL must be an http or https URL without credentials.',
    });
  });

  it('puts a problem with the tags on the tags field, and one with a tag (from the service) naming it', async () => {
    const values = submissionValuesOf({ text: 'A claim.', tags: `ok, ${'x'.repeat(51)}` });
    const { problems } = await validateForm(CreateClaimRequest, submissionInput(values));

    expect(submissionErrors(problems!, values).list).toEqual([
      { id: 'tags', message: 'Tags must be 1–50 characters.' },
    ]);
    expect(submissionErrors([fieldProblem('tags[1]', 'is too long')], values).list).toEqual([
      { id: 'tags', message: `The tag "${'x'.repeat(51)}" is too long.` },
    ]);
  });

  it('maps the service problems on the claimant and the appearance to their fields', () => {
    const errors = submissionErrors(
      [
        fieldProblem('claimant', 'is not valid'),
        fieldProblem('appearance', 'must name either url or sourceId'),
        fieldProblem('text', 'must contain at least one letter or digit'),
      ],
      { text: '…', claimantName: '!!' },
    );

    expect(errors.list.map((error) => [error.id, error.message])).toEqual([
      ['text', 'Claim must contain at least one letter or digit.'],
      ['claimantName', 'Speaker name is not valid.'],
      ['url', 'Source URL must name either url or sourceId.'],
    ]);
  });

  it('finds no source problem without URL and quote, nor with an https URL', () => {
    expect(sourceProblems({})).toEqual([]);
    expect(sourceProblems({ url: 'https://example.org/a', quote: 'words' })).toEqual([]);
  });

  it('splits tags on commas', () => {
    expect(tagsOf(' a ,b,, c ')).toEqual(['a', 'b', 'c']);
    expect(tagsOf(undefined)).toEqual([]);
  });
});
