import { describe, expect, it } from 'vitest';
import {
  CaseCreate, CaseUpdate, ConsentCreate, EmergencyAccessRequest, IdentityNumber, ParticipantInput, TeamMemberAdd, canSeeAddress, hidesLocation,
} from './cases';

const uuid = '3f1c2a4e-8b7d-4c6e-9f0a-1b2c3d4e5f60';
const consent = {
  recipientOrganisationId: uuid,
  categories: ['health'],
  purposes: ['coordination'],
  form: 'written',
  givenOn: '2025-03-10',
};

/** The messages of a failed parse, by path, so that a test names the rule it expects to break. */
function problems(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string; code: string }[] } }) {
  expect(result.success).toBe(false);
  return result.error!.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message }));
}

describe('strict objects', () => {
  it('refuse fields they do not know, at every level', () => {
    expect(problems(ParticipantInput.safeParse({ alias: 'Vinter', nickname: 'x' }))).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    expect(problems(CaseCreate.safeParse({ program: 'exit_program', participant: { alias: 'Vinter' }, owner: uuid }))).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    expect(problems(CaseCreate.safeParse({ program: 'exit_program', participant: { alias: 'Vinter', isAdmin: true } })))
      .toEqual([expect.objectContaining({ path: 'participant', code: 'unrecognized_keys' })]);
    expect(problems(CaseUpdate.safeParse({ version: 1, status: 'closed' }))).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    expect(problems(CaseUpdate.safeParse({ version: 1, participant: { ownerOrganisationId: uuid } })))
      .toEqual([expect.objectContaining({ path: 'participant', code: 'unrecognized_keys' })]);
    expect(problems(TeamMemberAdd.safeParse({ userId: uuid, teamRole: 'team_member', organisationId: uuid }))).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    expect(problems(ConsentCreate.safeParse({ ...consent, withdrawnAt: '2025-03-11' }))).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    expect(problems(EmergencyAccessRequest.safeParse({ reason: 'The participant is missing', hours: 100 }))).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
  });

  it('accept the same objects without the extra fields', () => {
    expect(ParticipantInput.safeParse({ alias: 'Vinter' }).success).toBe(true);
    expect(CaseUpdate.safeParse({ version: 1, participant: {} }).success).toBe(true);
    expect(TeamMemberAdd.safeParse({ userId: uuid, teamRole: 'team_member' }).success).toBe(true);
    expect(EmergencyAccessRequest.safeParse({ reason: 'The participant is missing' }).success).toBe(true);
  });
});

describe('ParticipantInput', () => {
  it('fills in defaults so an anonymous person needs only an alias', () => {
    expect(ParticipantInput.parse({ alias: '  Vinter  ' })).toEqual({
      alias: 'Vinter', languages: [], interpreterNeeded: false, protectedIdentity: 'none',
    });
  });

  it('normalises the identity number to twelve digits and reports why one is refused', () => {
    expect(ParticipantInput.parse({ alias: 'Vinter', identityNumber: '19121212-1212' }).identityNumber).toBe('191212121212');
    expect(problems(ParticipantInput.safeParse({ alias: 'Vinter', identityNumber: '19121212-1213' })))
      .toEqual([{ path: 'identityNumber', code: 'custom', message: 'identity_number_checksum' }]);
    expect(problems(ParticipantInput.safeParse({ alias: 'Vinter', identityNumber: '19000229-1235' })))
      .toEqual([{ path: 'identityNumber', code: 'custom', message: 'identity_number_date' }]);
    expect(problems(ParticipantInput.safeParse({ alias: 'Vinter', identityNumber: 'not a number' })))
      .toEqual([{ path: 'identityNumber', code: 'custom', message: 'identity_number_format' }]);
    expect(ParticipantInput.safeParse({ alias: 'Vinter', identityNumber: '1'.repeat(21) }).success).toBe(false);
  });

  it('lets an identity number be left out or cleared', () => {
    expect(ParticipantInput.parse({ alias: 'Vinter', identityNumber: null }).identityNumber).toBeNull();
    expect(IdentityNumber.safeParse('701063-2391')).toEqual({ success: true, data: '197010632391' });
  });

  it('refuses empty names, malformed contact details and unknown protection levels', () => {
    for (const bad of [
      { alias: '   ' },
      { alias: 'Vinter', firstName: '' },
      { alias: 'Vinter', phone: 'call me' },
      { alias: 'Vinter', email: 'not-an-address' },
      { alias: 'Vinter', languages: ['Swedish'] },
      { alias: 'Vinter', protectedIdentity: 'secret' },
      { alias: 'x'.repeat(61) },
    ]) {
      expect(ParticipantInput.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('CaseUpdate', () => {
  it('needs the version the client last saw, a positive whole number', () => {
    expect(CaseUpdate.safeParse({ participant: { alias: 'Vår' } }).success).toBe(false);
    expect(CaseUpdate.safeParse({ version: 0 }).success).toBe(false);
    expect(CaseUpdate.safeParse({ version: 1.5 }).success).toBe(false);
    expect(CaseUpdate.parse({ version: 3, participant: { alias: 'Vår' } })).toEqual({ version: 3, participant: { alias: 'Vår' } });
  });
});

describe('ConsentCreate', () => {
  it('lets validity start on the day consent was given and end that same day', () => {
    expect(ConsentCreate.safeParse({ ...consent, validUntil: '2025-03-10' }).success).toBe(true);
    expect(ConsentCreate.parse(consent).excludedCategories).toEqual([]);
  });

  it('refuses a last day before the first', () => {
    expect(problems(ConsentCreate.safeParse({ ...consent, validUntil: '2025-03-09' })))
      .toEqual([{ path: 'validUntil', code: 'custom', message: 'dates_out_of_order' }]);
    expect(problems(ConsentCreate.safeParse({ ...consent, validFrom: '2025-04-01', validUntil: '2025-03-31' })))
      .toEqual([{ path: 'validUntil', code: 'custom', message: 'dates_out_of_order' }]);
    expect(ConsentCreate.safeParse({ ...consent, validFrom: '2025-01-01', validUntil: '2025-02-01' }).success).toBe(true);
  });

  it('refuses a category that is both given and excluded', () => {
    expect(problems(ConsentCreate.safeParse({ ...consent, categories: ['health', 'identity'], excludedCategories: ['identity'] })))
      .toEqual([{ path: 'excludedCategories', code: 'custom', message: 'category_both_given_and_excluded' }]);
    expect(ConsentCreate.safeParse({ ...consent, categories: ['health'], excludedCategories: ['identity'] }).success).toBe(true);
  });

  it('needs at least one category and purpose, known ones, and real dates', () => {
    expect(ConsentCreate.safeParse({ ...consent, categories: [] }).success).toBe(false);
    expect(ConsentCreate.safeParse({ ...consent, purposes: [] }).success).toBe(false);
    expect(ConsentCreate.safeParse({ ...consent, categories: ['everything'] }).success).toBe(false);
    expect(ConsentCreate.safeParse({ ...consent, form: 'implied' }).success).toBe(false);
    expect(ConsentCreate.safeParse({ ...consent, givenOn: '2025-02-30' }).success).toBe(false);
    expect(ConsentCreate.safeParse({ ...consent, givenOn: '10/03/2025' }).success).toBe(false);
  });
});

describe('EmergencyAccessRequest', () => {
  it('needs a reason of at least ten characters', () => {
    expect(EmergencyAccessRequest.safeParse({ reason: '   short   ' }).success).toBe(false);
    expect(EmergencyAccessRequest.safeParse({}).success).toBe(false);
  });
});

describe('hidesLocation', () => {
  it('hides where the person lives at every level of protected identity', () => {
    expect(hidesLocation('none')).toBe(false);
    for (const level of ['confidentiality_marking', 'protected_registration', 'assumed_identity'] as const) expect(hidesLocation(level)).toBe(true);
  });
});

describe('canSeeAddress', () => {
  it('shows the address of a person with protected identity to their coordinator alone', () => {
    for (const via of ['coordinator', 'owning_team', 'owning_manager', 'emergency'] as const) {
      expect(canSeeAddress('none', { level: 'full', via })).toBe(true);
      expect(canSeeAddress('protected_registration', { level: 'full', via })).toBe(via === 'coordinator');
    }
    expect(canSeeAddress('confidentiality_marking', { level: 'consented', via: 'external_team' })).toBe(false);
    expect(canSeeAddress('none', { level: 'consented', via: 'external_team' })).toBe(true);
  });
});
