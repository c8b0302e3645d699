/**
 * The team at work over HTTP against a real database: members from other organisations join only
 * within the participant's consent, a member whose consent is withdrawn loses access at once and is
 * marked in the team list, and the coordinator role is handed over on the case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousCase, as, expectStatus, makeUser, organisations, testEnv, today, type TestEnv, type TestUser } from './helpers';

let env: TestEnv;
let municipalityId: string;
let regionId: string;
let associationId: string;
let coordinator: TestUser;
let secondCoordinator: TestUser;
let colleague: TestUser;
let manager: TestUser;
let nurse: TestUser;
let supporter: TestUser;
let otherCoordinator: TestUser;


const consentFor = (recipientOrganisationId: string, extra: Record<string, unknown> = {}) => ({
  recipientOrganisationId, categories: ['health'], purposes: ['care_planning'], form: 'written', givenOn: today(), ...extra,
});

interface Member { id: string; user: { id: string }; teamRole: string; withinConsent: boolean | null }

async function newCase(): Promise<{ caseId: string; base: string }> {
  const created = await as(env, coordinator).post('/api/v1/cases', { ...anonymousCase('Hägg'), coordinatorUserId: coordinator.id });
  expectStatus(created, 201);
  const caseId: string = created.json().id;
  return { caseId, base: `/api/v1/cases/${caseId}` };
}

async function teamOf(base: string, reader: TestUser = coordinator): Promise<Member[]> {
  const response = await as(env, reader).get(`${base}/team`);
  expectStatus(response, 200);
  return response.json().members;
}

/** A consent to `organisationId`, then `user` invited under it; answers with the consent as created. */
async function consentAndInvite(base: string, organisationId: string, user: TestUser, teamRole: string, extra: Record<string, unknown> = {}) {
  const given = await as(env, coordinator).post(`${base}/consents`, consentFor(organisationId, extra));
  expectStatus(given, 201);
  expectStatus(await as(env, coordinator).post(`${base}/team`, { userId: user.id, teamRole }), 201);
  return given.json() as { id: string; version: number };
}

const withdraw = async (base: string, consent: { id: string; version: number }) =>
  expectStatus(await as(env, coordinator).post(`${base}/consents/${consent.id}/withdraw`, { version: consent.version }), 200);

const auditActions = async (caseId: string, action: string) =>
  env.database.db.selectFrom('auditEvents').select(['actorUserId', 'details']).where('caseId', '=', caseId).where('action', '=', action).execute();

beforeAll(async () => {
  env = await testEnv();
  municipalityId = await organisations.municipality(env);
  regionId = await organisations.region(env);
  associationId = await organisations.civilSociety(env);
  coordinator = await makeUser(env, municipalityId, ['coordinator'], 'Samordnare');
  secondCoordinator = await makeUser(env, municipalityId, ['coordinator'], 'Samordnare');
  colleague = await makeUser(env, municipalityId, ['team_member'], 'Socialsekreterare');
  manager = await makeUser(env, municipalityId, ['manager'], 'Enhetschef');
  nurse = await makeUser(env, regionId, ['team_member'], 'Sjuksköterska');
  supporter = await makeUser(env, associationId, ['support_person'], 'Stödperson');
  otherCoordinator = await makeUser(env, await organisations.municipality(env, '0180'), ['coordinator'], 'Samordnare');
});

afterAll(async () => {
  await env.close();
});

describe('inviting members only within consent', () => {
  it('refuses a member from an organisation without consent, naming the rule, and changes nothing', async () => {
    const { caseId, base } = await newCase();
    const before = await teamOf(base);
    const refused = await as(env, coordinator).post(`${base}/team`, { userId: nurse.id, teamRole: 'team_member' });
    expectStatus(refused, 400);
    expect(refused.json().error.code).toBe('no_consent_for_organisation');
    expect(refused.body).not.toContain(nurse.id);
    expect(await teamOf(base)).toEqual(before);
    expect(await auditActions(caseId, 'team.add')).toEqual([]);
    expectStatus(await as(env, nurse).get(base), 404);
  });

  it('lets a member in once the participant has consented to their organisation', async () => {
    const { caseId, base } = await newCase();
    expectStatus(await as(env, coordinator).post(`${base}/consents`, consentFor(regionId)), 201);
    const added = await as(env, coordinator).post(`${base}/team`, { userId: nurse.id, teamRole: 'team_member' });
    expectStatus(added, 201);
    expect(added.json()).toMatchObject({ user: { id: nurse.id }, teamRole: 'team_member', withinConsent: true });
    expect((await auditActions(caseId, 'team.add')).map((event) => event.details)).toEqual([
      expect.objectContaining({ memberUserId: nurse.id, organisationId: regionId }),
    ]);
    expect((await as(env, nurse).get(base)).json().access).toMatchObject({ level: 'consented', categories: ['health'] });
  });

  it('counts only a consent in force: not one given to another organisation, expired, not yet valid or withdrawn', async () => {
    const { base } = await newCase();
    const tryAdd = async () => as(env, coordinator).post(`${base}/team`, { userId: supporter.id, teamRole: 'support_person' });
    expectStatus(await as(env, coordinator).post(`${base}/consents`, consentFor(regionId)), 201);
    expect((await tryAdd()).json().error.code).toBe('no_consent_for_organisation');
    expectStatus(await as(env, coordinator).post(`${base}/consents`, consentFor(associationId, { givenOn: '2020-01-01', validUntil: '2020-12-31' })), 201);
    expect((await tryAdd()).json().error.code).toBe('no_consent_for_organisation');
    expectStatus(await as(env, coordinator).post(`${base}/consents`, consentFor(associationId, { validFrom: '2999-01-01' })), 201);
    expect((await tryAdd()).json().error.code).toBe('no_consent_for_organisation');
    const given = await as(env, coordinator).post(`${base}/consents`, consentFor(associationId));
    expectStatus(given, 201);
    await withdraw(base, given.json());
    expect((await tryAdd()).json().error.code).toBe('no_consent_for_organisation');
    expect((await teamOf(base)).map((member) => member.user.id)).not.toContain(supporter.id);

    expectStatus(await as(env, coordinator).post(`${base}/consents`, consentFor(associationId, { categories: ['relationships'], purposes: ['support'] })), 201);
    expectStatus(await tryAdd(), 201);
  });

  it('needs no consent for the owning organisation\'s own staff', async () => {
    const { base } = await newCase();
    const added = await as(env, coordinator).post(`${base}/team`, { userId: colleague.id, teamRole: 'team_member' });
    expectStatus(added, 201);
    expect(added.json().withinConsent).toBe(true);
  });

  it('lets a manager of the owning organisation invite within consent too, and refuses outside it', async () => {
    const { base } = await newCase();
    expect((await as(env, manager).post(`${base}/team`, { userId: nurse.id, teamRole: 'team_member' })).json().error.code).toBe('no_consent_for_organisation');
    expectStatus(await as(env, manager).post(`${base}/consents`, consentFor(regionId)), 201);
    expectStatus(await as(env, manager).post(`${base}/team`, { userId: nurse.id, teamRole: 'team_member' }), 201);
  });
});

describe('when consent is withdrawn', () => {
  it('ends the member\'s access at once and marks them in the team list for those who manage it', async () => {
    const { base } = await newCase();
    const given = await consentAndInvite(base, regionId, nurse, 'team_member');
    expectStatus(await as(env, coordinator).post(`${base}/team`, { userId: colleague.id, teamRole: 'team_member' }), 201);
    expectStatus(await as(env, nurse).get(base), 200);

    // An external member learns about consent given to their own organisation only.
    const asNurse = await teamOf(base, nurse);
    expect(asNurse.find((member) => member.user.id === nurse.id)?.withinConsent).toBe(true);
    expect(asNurse.find((member) => member.user.id === colleague.id)?.withinConsent).toBeNull();

    await withdraw(base, given);
    const missing = await as(env, nurse).get(base);
    expectStatus(missing, 404);
    expectStatus(await as(env, nurse).get(`${base}/team`), 404);

    const team = await teamOf(base);
    expect(team.find((member) => member.user.id === nurse.id)).toMatchObject({ teamRole: 'team_member', withinConsent: false });
    expect(team.find((member) => member.user.id === colleague.id)?.withinConsent).toBe(true);
    expect(team.find((member) => member.user.id === coordinator.id)?.withinConsent).toBe(true);

    // The coordinator can act on the note: remove the member, whose place then ends.
    const nurseMember = team.find((member) => member.user.id === nurse.id)!;
    expectStatus(await as(env, coordinator).delete(`${base}/team/${nurseMember.id}`), 204);
    expect((await teamOf(base)).map((member) => member.user.id)).not.toContain(nurse.id);
  });
});

describe('whose consent counts', () => {
  it('lets a member read through the consent given to their own organisation only, not through another organisation\'s', async () => {
    const { base } = await newCase();
    const given = await consentAndInvite(base, regionId, nurse, 'team_member');
    await consentAndInvite(base, associationId, supporter, 'support_person', { categories: ['health', 'relationships'] });
    expect((await teamOf(base, nurse)).map((member) => member.user.id)).toContain(supporter.id);

    // The region's consent withdrawn, the association's still in force: the nurse reads nothing of the case.
    await withdraw(base, given);
    for (const path of ['', '/team', '/plan']) expectStatus(await as(env, nurse).get(`${base}${path}`), 404);
    expect((await teamOf(base)).find((member) => member.user.id === supporter.id)?.withinConsent).toBe(true);
  });
});

describe('handing over the coordinator role', () => {
  it('moves the role in the team, keeps the former coordinator as a member and records it in the audit trail', async () => {
    const { caseId, base } = await newCase();
    const handedOver = await as(env, coordinator).patch(base, { version: 1, coordinatorUserId: secondCoordinator.id });
    expectStatus(handedOver, 200);
    expect(handedOver.json().coordinator).toMatchObject({ id: secondCoordinator.id });
    expect(handedOver.json().access).toMatchObject({ via: 'owning_team', canManageTeam: false });

    // The new coordinator is told in the app (and by e-mail, a link only); the one who handed over is not.
    const notified = await env.database.db.selectFrom('notifications').select(['userId', 'kind']).where('caseId', '=', caseId).execute();
    expect(notified).toContainEqual({ userId: secondCoordinator.id, kind: 'coordinator_assigned' });
    expect(notified.filter((row) => row.userId === coordinator.id && row.kind === 'coordinator_assigned')).toEqual([]);
    const roles = Object.fromEntries((await teamOf(base, secondCoordinator)).map((member) => [member.user.id, member.teamRole]));
    expect(roles).toEqual({ [coordinator.id]: 'team_member', [secondCoordinator.id]: 'coordinator' });
    const updates = await auditActions(caseId, 'case.update');
    expect(updates).toEqual([expect.objectContaining({ actorUserId: coordinator.id, details: expect.objectContaining({ fields: 'coordinator' }) })]);

    // The new coordinator composes the team now; the former one no longer can.
    expectStatus(await as(env, coordinator).post(`${base}/team`, { userId: colleague.id, teamRole: 'team_member' }), 403);
    expectStatus(await as(env, secondCoordinator).post(`${base}/team`, { userId: colleague.id, teamRole: 'team_member' }), 201);
  });

  it('lets a manager of the owning organisation hand the role over', async () => {
    const { base } = await newCase();
    const handedOver = await as(env, manager).patch(base, { version: 1, coordinatorUserId: secondCoordinator.id });
    expectStatus(handedOver, 200);
    expect(handedOver.json().coordinator).toMatchObject({ id: secondCoordinator.id });
  });

  it('refuses a coordinator from another organisation or without the role, and a stale version, changing nothing', async () => {
    const { base } = await newCase();
    const before = await teamOf(base);
    for (const candidate of [otherCoordinator, colleague]) {
      const refused = await as(env, coordinator).patch(base, { version: 1, coordinatorUserId: candidate.id });
      expectStatus(refused, 400);
      expect(refused.json().error.code).toBe('invalid_coordinator');
    }
    expectStatus(await as(env, coordinator).patch(base, { version: 1, participant: { alias: 'Lönn' } }), 200);
    const stale = await as(env, coordinator).patch(base, { version: 1, coordinatorUserId: secondCoordinator.id });
    expectStatus(stale, 409);
    expect(stale.json().error.code).toBe('stale_version');
    expect(await teamOf(base)).toEqual(before);
    expect((await as(env, coordinator).get(base)).json().coordinator).toMatchObject({ id: coordinator.id });
  });

  it('is not for team members who do not manage the team', async () => {
    const { base } = await newCase();
    expectStatus(await as(env, coordinator).post(`${base}/consents`, consentFor(regionId)), 201);
    expectStatus(await as(env, coordinator).post(`${base}/team`, { userId: nurse.id, teamRole: 'team_member' }), 201);
    expectStatus(await as(env, nurse).patch(base, { version: 1, coordinatorUserId: secondCoordinator.id }), 403);
    expect((await as(env, coordinator).get(base)).json().coordinator).toMatchObject({ id: coordinator.id });
  });
});
