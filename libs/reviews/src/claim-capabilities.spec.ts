import type { Role } from '@claimdesk/accounts';
import { type ClaimFacts, claimCapabilities, isSplit } from './claim-capabilities';

function facts(overrides: Partial<ClaimFacts> = {}): ClaimFacts {
  return { status: 'in_review', split: false, published: false, assigned: false, gaveVerdict: false, ...overrides };
}

const open = { verdictsRequireAssignment: false };
const assignedOnly = { verdictsRequireAssignment: true };
const as = (role: Role) => ({ role });

describe('claimCapabilities', () => {
  it('keeps a reviewer blind until they give their verdict in the round on show', () => {
    expect(claimCapabilities(as('reviewer'), facts(), open)).toMatchObject({
      ratingsHidden: true,
      ratingsHiddenReason: 'blind_review',
    });
    expect(claimCapabilities(as('reviewer'), facts({ gaveVerdict: true }), open)).toMatchObject({
      ratingsHidden: false,
      ratingsHiddenReason: null,
    });
  });

  it('shows ratings to editors always, and to everyone once published', () => {
    expect(claimCapabilities(as('editor'), facts(), open).ratingsHidden).toBe(false);
    expect(claimCapabilities(as('submitter'), facts(), open).ratingsHiddenReason).toBe('until_published');
    expect(claimCapabilities(as('submitter'), facts({ status: 'published' }), open).ratingsHidden).toBe(false);
  });

  it('lets a reviewer give a verdict only in review, and only when assigned if the desk requires it', () => {
    expect(claimCapabilities(as('reviewer'), facts(), open)).toMatchObject({
      mayGiveVerdict: true,
      verdictRefusal: null,
    });
    expect(claimCapabilities(as('reviewer'), facts(), assignedOnly)).toMatchObject({
      mayGiveVerdict: false,
      verdictRefusal: 'not_assigned',
    });
    expect(claimCapabilities(as('reviewer'), facts({ assigned: true }), assignedOnly).mayGiveVerdict).toBe(true);
    expect(claimCapabilities(as('reviewer'), facts({ status: 'submitted' }), open).verdictRefusal).toBe(
      'not_in_review_yet',
    );
    expect(claimCapabilities(as('reviewer'), facts({ status: 'awaiting_approval' }), open).verdictRefusal).toBe(
      'not_in_review',
    );
    expect(claimCapabilities(as('submitter'), facts(), open).verdictRefusal).toBe('not_a_reviewer');
  });

  it('offers an editor the moves of the status machine with their labels', () => {
    const moves = claimCapabilities(as('editor'), facts({ status: 'awaiting_approval' }), open).allowedTransitions;
    expect(moves.map((move) => [move.to, move.name, move.label])).toEqual([
      ['published', 'publish', 'Publish'],
      ['in_review', 'send_back', 'Send back to review'],
      ['rejected', 'reject', 'Reject'],
    ]);
    expect(claimCapabilities(as('reviewer'), facts({ status: 'awaiting_approval' }), open).allowedTransitions).toEqual(
      [],
    );
  });

  it('calls publishing again a correction, whose reason is the public note', () => {
    const [publish] = claimCapabilities(
      as('editor'),
      facts({ status: 'awaiting_approval', published: true }),
      open,
    ).allowedTransitions;
    expect(publish).toMatchObject({ name: 'publish', correction: true, reasonLabel: 'Correction note' });
  });

  it('opens publishing over split verdicts, and asking another reviewer, only while they are split', () => {
    const split = claimCapabilities(as('editor'), facts({ split: true }), open);
    expect(split.mayRequestVerdict).toBe(true);
    expect(split.allowedTransitions.find((move) => move.to === 'published')).toMatchObject({
      name: 'publish_split',
      label: 'Publish with this rating',
      reasonLabel: 'Why this rating',
    });
    const agreed = claimCapabilities(as('editor'), facts(), open);
    expect(agreed.mayRequestVerdict).toBe(false);
    expect(agreed.allowedTransitions.map((move) => move.to)).toEqual(['rejected']);
  });

  it('closes evidence and editing once the claim is published or rejected', () => {
    expect(claimCapabilities(as('editor'), facts(), open)).toMatchObject({ mayAddEvidence: true, mayEdit: true });
    expect(claimCapabilities(as('editor'), facts({ status: 'rejected' }), open)).toMatchObject({
      mayAddEvidence: false,
      mayEdit: false,
      mayAssign: true,
    });
    expect(claimCapabilities(as('reviewer'), facts(), open)).toMatchObject({ mayAddEvidence: true, mayEdit: false });
  });
});

describe('isSplit', () => {
  it('holds while the disagreement is on the current version of a claim in review', () => {
    expect(isSplit({ status: 'in_review', version: 3, disagreementVersion: 3 })).toBe(true);
    expect(isSplit({ status: 'in_review', version: 4, disagreementVersion: 3 })).toBe(false);
    expect(isSplit({ status: 'awaiting_approval', version: 3, disagreementVersion: 3 })).toBe(false);
  });
});
