import type { EventAction, RecordedEvent } from '@claimdesk/events';
import { deliveryBody, webhookEventOf } from './webhook-payload';

const claimId = '0d9f3c1e-5b7a-4c2d-8e6f-1a2b3c4d5e6f';
const sourceId = '6f5e4d3c-2b1a-4f9e-8d7c-6b5a4f3e2d1c';
const at = new Date('2026-03-05T09:30:00.123Z');

function anEvent(overrides: Partial<RecordedEvent> = {}): RecordedEvent {
  return { id: '42', at, actorId: null, action: 'claim.submitted', claimId, ...overrides };
}

describe('webhookEventOf', () => {
  it.each<EventAction>(['claim.submitted', 'claim.status_changed', 'claim.published', 'claim.corrected'])(
    'delivers %s under its own name',
    (action) => {
      expect(webhookEventOf(anEvent({ action }))).toBe(action);
    },
  );

  it('delivers source.changed written for the source', () => {
    expect(webhookEventOf(anEvent({ action: 'source.changed', claimId: null, sourceId }))).toBe('source.changed');
    expect(webhookEventOf(anEvent({ action: 'source.changed', claimId: undefined, sourceId }))).toBe('source.changed');
  });

  it('does not deliver the copies of source.changed written for each claim citing the source', () => {
    expect(webhookEventOf(anEvent({ action: 'source.changed', claimId, data: { sourceId } }))).toBeUndefined();
  });

  // The last is no action at all: a name that merely starts like a webhook event is not one.
  it.each<EventAction>([
    'source.created',
    'source.fetched',
    'claim.edited',
    'verdict.given',
    'claim.submitted_twice' as EventAction,
  ])('delivers nothing for %s', (action) => {
    expect(webhookEventOf(anEvent({ action }))).toBeUndefined();
  });
});

describe('deliveryBody', () => {
  it('is exactly {id, event, at, data}, data carrying the event data, the ids and the statuses', () => {
    const body = deliveryBody(
      'b0c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e',
      'claim.status_changed',
      anEvent({
        action: 'claim.status_changed',
        sourceId,
        fromStatus: 'submitted',
        toStatus: 'in_review',
        data: { reason: 'picked up “now”' },
      }),
    );
    expect(body).toBe(
      '{"id":"b0c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e","event":"claim.status_changed","at":"2026-03-05T09:30:00.123Z",' +
        `"data":{"reason":"picked up “now”","claimId":"${claimId}","sourceId":"${sourceId}","from":"submitted","to":"in_review"}}`,
    );
  });

  it('leaves out what the event does not have', () => {
    const body = deliveryBody('d-1', 'source.changed', anEvent({ claimId: null, sourceId, fromStatus: null }));
    expect(JSON.parse(body)).toEqual({
      id: 'd-1',
      event: 'source.changed',
      at: at.toISOString(),
      data: { sourceId },
    });
  });

  it('lets the event ids win over data of the same name', () => {
    const body = deliveryBody('d-2', 'claim.submitted', anEvent({ data: { claimId: 'spoofed', text: 'T' } }));
    expect(JSON.parse(body)).toMatchObject({ data: { claimId, text: 'T' } });
  });
});
