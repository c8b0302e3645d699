import { describe, expect, it } from 'vitest';
import type { Actor, CaseFacts } from './access';
import {
  TransferAccept, TransferRequest, canCoordinateAfterTransfer, canDecideTransfer, canRequestTransfer, transferChangeViolation, transferRequestViolation,
} from './transfers';

const sending = '00000000-0000-4000-8000-000000000001';
const receiving = '00000000-0000-4000-8000-000000000002';
const actor = (organisationId: string, roles: Actor['roles'], userId = '00000000-0000-4000-8000-0000000000aa'): Actor =>
  ({ userId, organisationId, organisationType: 'municipality', roles });
const facts = (coordinatorUserId: string | null): CaseFacts =>
  ({ ownerOrganisationId: sending, coordinatorUserId, team: [], consents: [], emergencyAccessUntil: null });
const now = new Date('2026-01-01T12:00:00Z');

describe('who may request a transfer', () => {
  it('is the coordinator or a manager of the owning organisation', () => {
    const coordinator = actor(sending, ['coordinator']);
    expect(canRequestTransfer(coordinator, facts(coordinator.userId), now)).toBe(true);
    expect(canRequestTransfer(actor(sending, ['manager']), facts(null), now)).toBe(true);
    expect(canRequestTransfer(actor(sending, ['team_member']), facts(null), now)).toBe(false);
    expect(canRequestTransfer(actor(receiving, ['manager']), facts(null), now)).toBe(false);
  });
});

describe('the request rules', () => {
  it('names the broken rule', () => {
    expect(transferRequestViolation({ ownerOrganisationId: sending }, { id: sending, type: 'municipality' }, false)).toBe('transfer_to_own_organisation');
    expect(transferRequestViolation({ ownerOrganisationId: sending }, { id: receiving, type: 'region' }, false)).toBe('transfer_receiver_not_social_services');
    expect(transferRequestViolation({ ownerOrganisationId: sending }, { id: receiving, type: 'municipality' }, true)).toBe('transfer_already_pending');
    expect(transferRequestViolation({ ownerOrganisationId: sending }, { id: receiving, type: 'collaboration' }, false)).toBeNull();
  });

  it('parses the request and refuses a bad organisation id', () => {
    expect(TransferRequest.safeParse({ receivingOrganisationId: receiving }).success).toBe(true);
    expect(TransferRequest.safeParse({ receivingOrganisationId: 'x' }).success).toBe(false);
    expect(TransferAccept.safeParse({ version: 0, coordinatorUserId: receiving }).success).toBe(false);
  });
});

describe('who may decide', () => {
  it('is a coordinator or manager of the receiving organisation', () => {
    expect(canDecideTransfer(actor(receiving, ['coordinator']), { toOrganisationId: receiving })).toBe(true);
    expect(canDecideTransfer(actor(receiving, ['manager']), { toOrganisationId: receiving })).toBe(true);
    expect(canDecideTransfer(actor(receiving, ['team_member']), { toOrganisationId: receiving })).toBe(false);
    expect(canDecideTransfer(actor(sending, ['manager']), { toOrganisationId: receiving })).toBe(false);
  });

  it('hands the case only to an active coordinator or manager of the receiving organisation', () => {
    expect(canCoordinateAfterTransfer({ organisationId: receiving, roles: ['coordinator'], disabled: false }, { toOrganisationId: receiving })).toBe(true);
    expect(canCoordinateAfterTransfer({ organisationId: receiving, roles: ['coordinator'], disabled: true }, { toOrganisationId: receiving })).toBe(false);
    expect(canCoordinateAfterTransfer({ organisationId: sending, roles: ['coordinator'], disabled: false }, { toOrganisationId: receiving })).toBe(false);
  });

  it('changes only a requested transfer', () => {
    expect(transferChangeViolation('requested')).toBeNull();
    for (const status of ['accepted', 'declined', 'withdrawn'] as const) expect(transferChangeViolation(status)).toBe('transfer_not_pending');
  });
});
