/**
 * The authorization suite: role × relation to the case × consent state, over HTTP against a real
 * database. A written-out table pins what each relation may do; fast-check then generates many more
 * combinations and checks that every answer equals the verdict of the pure rules in packages/domain.
 */
import { randomUUID } from 'node:crypto';
import {
  InformationCategory, Role, canEditCase, canManageTeam, canReadCase, canRecordConsent, canRequestEmergencyAccess, canViewAccessLog, caseAccess, mayInviteOrganisation,
  type Actor, type CaseFacts, type ConsentFacts, type OrganisationType, type TeamMemberFacts, type TeamRole,
} from '@utvag/domain';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemberWithoutConsent, as, expectStatus, makeUser, organisations, testEnv, type TestEnv, type TestUser } from './helpers';

let env: TestEnv;
let municipalityCodes: string[] = [];
/** An organisation no actor belongs to: it receives the consents and team places that must not leak. */
let bystander: string;
/** A user the actors try to add to teams. */
let spare: TestUser;
/** What each endpoint answers for an id that does not exist; a denied read must answer exactly this. */
const missing: Record<Endpoint, string> = {} as Record<Endpoint, string>;

type Endpoint = 'getCase' | 'patchCase' | 'getTeam' | 'postTeam' | 'getConsents' | 'postConsents' | 'getAccessLog' | 'postEmergencyAccess';

const identity = { firstName: 'Alva', lastName: 'Berg', identityNumber: '191212121212' };
const contactDetails = { phone: '+46 70 123 45 67', email: 'alva@example.se', address: 'Storgatan 1, Örebro' };
const identifiedCase = (protectedIdentity = 'none') => ({
  program: 'exit_program',
  participant: { alias: 'Vinter', ...identity, identityNumber: '19121212-1212', ...contactDetails, languages: ['sv', 'ro'], protectedIdentity },
});
const consentBody = (recipientOrganisationId: string, extra: Record<string, unknown> = {}) => ({
  recipientOrganisationId, categories: ['health'], purposes: ['coordination'], form: 'written', givenOn: '2024-01-01', ...extra,
});
const reason = 'The participant has not answered for two days and the coordinator is away.';

let nextMunicipality = 0;
/** A municipality of its own for every world, so that managers and lists see only what the world made. */
function freshMunicipality(): Promise<string> {
  const code = municipalityCodes[nextMunicipality++];
  if (!code) throw new Error('out of municipalities');
  return organisations.municipality(env, code);
}


beforeAll(async () => {
  env = await testEnv();
  municipalityCodes = (await env.database.db.selectFrom('municipalities').select('code').orderBy('code').execute()).map((row) => row.code);
  bystander = await organisations.civilSociety(env);
  spare = await makeUser(env, bystander, ['support_person']);
  const probe = as(env, await makeUser(env, await freshMunicipality(), ['coordinator', 'manager']));
  const id = randomUUID();
  const answers: Record<Endpoint, LightMyRequestResponse> = {
    getCase: await probe.get(`/api/v1/cases/${id}`),
    patchCase: await probe.patch(`/api/v1/cases/${id}`, { version: 1, participant: { alias: 'Vår' } }),
    getTeam: await probe.get(`/api/v1/cases/${id}/team`),
    postTeam: await probe.post(`/api/v1/cases/${id}/team`, { userId: spare.id, teamRole: 'team_member' }),
    getConsents: await probe.get(`/api/v1/cases/${id}/consents`),
    postConsents: await probe.post(`/api/v1/cases/${id}/consents`, consentBody(bystander)),
    getAccessLog: await probe.get(`/api/v1/cases/${id}/access-log`),
    postEmergencyAccess: await probe.post(`/api/v1/cases/${id}/emergency-access`, { reason }),
  };
  for (const [endpoint, response] of Object.entries(answers) as [Endpoint, LightMyRequestResponse][]) {
    expectStatus(response, 404);
    missing[endpoint] = response.body;
  }
});
afterAll(async () => { await env?.close(); });

// ---------------------------------------------------------------------------------------------
// Worlds: one case, built through the API, and one actor standing in a given relation to it.

type Relation =
  | 'coordinator' | 'owning_team_member' | 'owning_colleague' | 'owning_manager'
  | 'external_team_member' | 'external_outsider' | 'support_person' | 'emergency';
type ConsentState = 'in_force' | 'withdrawn' | 'expired' | 'not_yet_valid';

interface ConsentSpec { state: ConsentState; categories: InformationCategory[]; excluded?: InformationCategory[] }

interface Scenario {
  relation: Relation;
  roles: Role[];
  /** The kind of organisation an actor outside the owning organisation comes from. */
  otherType: 'region' | 'civil_society' | 'municipality';
  /** For `support_person`: their place on the team, and whether they work for the owning organisation. */
  supportRole?: 'support_person' | 'mentor';
  supportFromOwner?: boolean;
  /** Consents given to the actor's organisation. */
  consents: ConsentSpec[];
}

interface World {
  caseId: string;
  /** The coordinator who built the case; the actor when the relation is `coordinator`. */
  lead: TestUser;
  actor: TestUser;
  actorFacts: Actor;
  facts: CaseFacts;
}

const consentDates: Record<ConsentState, Record<string, string>> = {
  in_force: { givenOn: '2024-01-01' },
  withdrawn: { givenOn: '2024-01-01' },
  expired: { givenOn: '2020-01-01', validUntil: '2020-12-31' },
  not_yet_valid: { givenOn: '2024-01-01', validFrom: '2999-01-01' },
};

async function otherOrganisation(type: Scenario['otherType']): Promise<{ id: string; type: OrganisationType }> {
  if (type === 'region') return { id: await organisations.region(env), type };
  if (type === 'civil_society') return { id: await organisations.civilSociety(env), type };
  return { id: await freshMunicipality(), type };
}

async function buildWorld(scenario: Scenario): Promise<World> {
  const owner = await freshMunicipality();
  const other = await otherOrganisation(scenario.otherType);
  const { relation } = scenario;
  const inOwner = ['coordinator', 'owning_team_member', 'owning_colleague', 'owning_manager', 'emergency'].includes(relation)
    || (relation === 'support_person' && scenario.supportFromOwner === true);
  const actorOrganisation = inOwner ? { id: owner, type: 'municipality' as const } : other;
  const roles = new Set(scenario.roles);
  if (relation === 'coordinator') roles.add('coordinator');
  if (relation === 'owning_manager') roles.add('manager');
  const actor = await makeUser(env, actorOrganisation.id, [...roles]);
  const actorFacts: Actor = { userId: actor.id, organisationId: actorOrganisation.id, organisationType: actorOrganisation.type, roles: [...roles] };

  const lead = relation === 'coordinator' ? actor : await makeUser(env, owner, ['coordinator']);
  const created = await as(env, lead).post('/api/v1/cases', { ...identifiedCase(), coordinatorUserId: lead.id });
  expectStatus(created, 201);
  const caseId: string = created.json().id;
  const team: TeamMemberFacts[] = [{ userId: lead.id, organisationId: owner, teamRole: 'coordinator' }];

  const teamRole: TeamRole | null = relation === 'owning_team_member' || relation === 'external_team_member' ? 'team_member'
    : relation === 'support_person' ? scenario.supportRole ?? 'support_person' : null;

  const consents: ConsentFacts[] = [];
  const record = async (recipient: string, spec: ConsentSpec) => {
    const response = await as(env, lead).post(`/api/v1/cases/${caseId}/consents`, consentBody(recipient, {
      categories: spec.categories, excludedCategories: spec.excluded ?? [], ...consentDates[spec.state],
    }));
    expectStatus(response, 201);
    let view = response.json();
    if (spec.state === 'withdrawn') {
      const withdrawn = await as(env, lead).post(`/api/v1/cases/${caseId}/consents/${view.id}/withdraw`, { version: view.version });
      expectStatus(withdrawn, 200);
      view = withdrawn.json();
    }
    consents.push({
      recipientOrganisationId: recipient, categories: view.categories, excludedCategories: view.excludedCategories,
      validFrom: view.validFrom, validUntil: view.validUntil, withdrawnAt: view.withdrawnAt ? new Date(view.withdrawnAt) : null,
    });
  };
  for (const spec of scenario.consents) await record(actorOrganisation.id, spec);
  // Consent to someone else must never reach the actor.
  await record(bystander, { state: 'in_force', categories: [...InformationCategory.options] });

  if (teamRole) {
    // Joining takes consent in force; a member without it stands for one whose consent lapsed after they joined.
    if (mayInviteOrganisation({ ownerOrganisationId: owner, consents }, actorOrganisation.id, new Date())) {
      expectStatus(await as(env, lead).post(`/api/v1/cases/${caseId}/team`, { userId: actor.id, teamRole }), 201);
    } else {
      await addMemberWithoutConsent(env, caseId, actor, teamRole, lead);
    }
    team.push({ userId: actor.id, organisationId: actorOrganisation.id, teamRole });
  }

  const facts: CaseFacts = { ownerOrganisationId: owner, coordinatorUserId: lead.id, team, consents, emergencyAccessUntil: null };
  if (relation === 'emergency') {
    const now = new Date();
    // Refused like a missing case, so that asking does not confirm the case exists.
    const expected = caseAccess(actorFacts, facts, now).level !== 'none' ? 409 : canRequestEmergencyAccess(actorFacts, facts, now) ? 201 : 404;
    const granted = await as(env, actor).post(`/api/v1/cases/${caseId}/emergency-access`, { reason });
    expectStatus(granted, expected);
    if (expected === 404) expect(granted.body).toBe(missing.postEmergencyAccess);
    if (granted.statusCode === 201) facts.emergencyAccessUntil = new Date(granted.json().expiresAt);
  }
  return { caseId, lead, actor, actorFacts, facts };
}

// ---------------------------------------------------------------------------------------------
// Observing what the actor gets, and what the rules say they should get.

type Shown = 'shown' | 'hidden' | 'partly shown';
interface Outcome {
  getCase: number; patchCase: number; getTeam: number; postTeam: number; getConsents: number; postConsents: number; getAccessLog: number;
  listed: boolean;
  /** What GET case showed: the access it reported and which identifying fields came back. */
  sees: { level: string; via: string; categories: string[]; identity: Shown; contactDetails: Shown } | null;
  /** Whose consents GET consents listed. */
  consentsListed: 'all' | 'own organisation only' | null;
}

function shown(actual: Record<string, unknown>, real: Record<string, string>): Shown {
  const keys = Object.keys(real);
  if (keys.every((key) => actual[key] === real[key])) return 'shown';
  if (keys.every((key) => actual[key] === null)) return 'hidden';
  return 'partly shown';
}

/** Every request the suite walks, reads first; a denied read must look exactly like a missing id. */
async function observe(world: World): Promise<Outcome> {
  const client = as(env, world.actor);
  const base = `/api/v1/cases/${world.caseId}`;
  const statusOf = (endpoint: Endpoint, response: LightMyRequestResponse): number => {
    if (response.statusCode === 404) {
      expect(response.body, `${endpoint} must not tell a forbidden case from a missing one`).toBe(missing[endpoint]);
      expect(response.headers.etag).toBeUndefined();
    }
    return response.statusCode;
  };

  const caseResponse = await client.get(base);
  const teamResponse = await client.get(`${base}/team`);
  const consentsResponse = await client.get(`${base}/consents`);
  const accessLogResponse = await client.get(`${base}/access-log`);
  const list = await client.get('/api/v1/cases?limit=200');
  expectStatus(list, 200);
  const patch = await client.patch(base, { version: 1, participant: { alias: 'Vår' } });
  const addMember = await client.post(`${base}/team`, { userId: spare.id, teamRole: 'team_member' });
  const addConsent = await client.post(`${base}/consents`, consentBody(bystander));

  let sees: Outcome['sees'] = null;
  if (caseResponse.statusCode === 200) {
    const view = caseResponse.json();
    sees = {
      level: view.access.level, via: view.access.via, categories: view.access.categories,
      identity: shown(view.participant, identity), contactDetails: shown(view.participant, contactDetails),
    };
  }
  let consentsListed: Outcome['consentsListed'] = null;
  if (consentsResponse.statusCode === 200) {
    const recipients: string[] = consentsResponse.json().consents.map((consent: { recipientOrganisation: { id: string } }) => consent.recipientOrganisation.id);
    consentsListed = recipients.every((id) => id === world.actorFacts.organisationId) ? 'own organisation only' : 'all';
  }
  return {
    getCase: statusOf('getCase', caseResponse),
    patchCase: statusOf('patchCase', patch),
    getTeam: statusOf('getTeam', teamResponse),
    postTeam: statusOf('postTeam', addMember),
    getConsents: statusOf('getConsents', consentsResponse),
    postConsents: statusOf('postConsents', addConsent),
    getAccessLog: statusOf('getAccessLog', accessLogResponse),
    listed: list.json().cases.some((summary: { id: string }) => summary.id === world.caseId),
    sees,
    consentsListed,
  };
}

/** The outcome the pure rules in packages/domain decide for this actor and case. */
function verdict(world: World, now = new Date()): Outcome {
  const { actorFacts: actor, facts } = world;
  const read = canReadCase(actor, facts, now);
  const ruled = (rule: (a: Actor, f: CaseFacts, n: Date) => boolean, allowed: number) => (!read ? 404 : rule(actor, facts, now) ? allowed : 403);
  const access = caseAccess(actor, facts, now);
  return {
    getCase: read ? 200 : 404,
    patchCase: ruled(canEditCase, 200),
    getTeam: read ? 200 : 404,
    postTeam: ruled(canManageTeam, 201),
    getConsents: read ? 200 : 404,
    postConsents: ruled(canRecordConsent, 201),
    getAccessLog: ruled(canViewAccessLog, 200),
    listed: read,
    sees: access.level === 'none' ? null : {
      level: access.level,
      via: access.via,
      categories: [...access.categories].sort(),
      identity: access.categories.has('identity') ? 'shown' : 'hidden',
      contactDetails: access.categories.has('contact_details') ? 'shown' : 'hidden',
    },
    consentsListed: access.level === 'none' ? null : access.level === 'full' ? 'all' : 'own organisation only',
  };
}

// ---------------------------------------------------------------------------------------------
// The table: every relation, what it may and may not do, written out for review.

const allCategories = [...InformationCategory.options].sort();
const fullSight = (via: string) => ({ level: 'full', via, categories: allCategories, identity: 'shown', contactDetails: 'shown' } as const);
const consentedSight = (categories: string[], identityShown: Shown, contactShown: Shown) =>
  ({ level: 'consented', via: 'external_team', categories, identity: identityShown, contactDetails: contactShown });

const everything = { getCase: 200, patchCase: 200, getTeam: 200, postTeam: 201, getConsents: 200, postConsents: 201, getAccessLog: 200, listed: true, consentsListed: 'all' } as const;
const editor = { ...everything, postTeam: 403, postConsents: 403, getAccessLog: 403 } as const;
const reader = { ...editor, patchCase: 403 } as const;
const nothing: Outcome = {
  getCase: 404, patchCase: 404, getTeam: 404, postTeam: 404, getConsents: 404, postConsents: 404, getAccessLog: 404, listed: false, sees: null, consentsListed: null,
};
const healthAndContact: ConsentSpec = { state: 'in_force', categories: ['health', 'contact_details'] };

const table: [string, Scenario, Outcome][] = [
  ['the coordinator', { relation: 'coordinator', roles: ['coordinator'], otherType: 'region', consents: [] },
    { ...everything, sees: fullSight('coordinator') }],
  ['a team member of the owning organisation', { relation: 'owning_team_member', roles: ['team_member'], otherType: 'region', consents: [] },
    { ...editor, sees: fullSight('owning_team') }],
  ['a colleague in the owning organisation who is not on the team', { relation: 'owning_colleague', roles: ['coordinator', 'team_member', 'intake'], otherType: 'region', consents: [] },
    nothing],
  ['a manager of the owning organisation', { relation: 'owning_manager', roles: ['manager'], otherType: 'region', consents: [] },
    { ...everything, sees: fullSight('owning_manager') }],
  ['another organisation on the team, with consent in force', { relation: 'external_team_member', roles: ['team_member'], otherType: 'region', consents: [healthAndContact] },
    { ...reader, consentsListed: 'own organisation only', sees: consentedSight(['contact_details', 'health'], 'hidden', 'shown') }],
  ['another organisation on the team, where one consent excludes what another gives', {
    relation: 'external_team_member', roles: ['team_member'], otherType: 'civil_society',
    consents: [{ state: 'in_force', categories: ['identity', 'contact_details', 'health'] }, { state: 'in_force', categories: ['debt'], excluded: ['contact_details'] }],
  }, { ...reader, consentsListed: 'own organisation only', sees: consentedSight(['debt', 'health', 'identity'], 'shown', 'hidden') }],
  ['a manager and coordinator of another organisation on the team, with consent', {
    relation: 'external_team_member', roles: ['manager', 'coordinator'], otherType: 'municipality', consents: [{ state: 'in_force', categories: ['health'] }],
  }, { ...reader, consentsListed: 'own organisation only', sees: consentedSight(['health'], 'hidden', 'hidden') }],
  ['another organisation on the team, with no consent', { relation: 'external_team_member', roles: ['team_member'], otherType: 'region', consents: [] },
    nothing],
  ['another organisation on the team, with consent withdrawn', { relation: 'external_team_member', roles: ['team_member'], otherType: 'region', consents: [{ ...healthAndContact, state: 'withdrawn' }] },
    nothing],
  ['another organisation on the team, with consent expired', { relation: 'external_team_member', roles: ['team_member'], otherType: 'region', consents: [{ ...healthAndContact, state: 'expired' }] },
    nothing],
  ['another organisation on the team, with consent not yet valid', { relation: 'external_team_member', roles: ['team_member'], otherType: 'region', consents: [{ ...healthAndContact, state: 'not_yet_valid' }] },
    nothing],
  ['another organisation not on the team, even with consent in force', {
    relation: 'external_outsider', roles: ['team_member', 'manager'], otherType: 'region', consents: [{ state: 'in_force', categories: [...InformationCategory.options] }],
  }, nothing],
  ['a support person from civil society, with consent to contact details', {
    relation: 'support_person', roles: ['support_person'], otherType: 'civil_society', supportRole: 'support_person', consents: [{ state: 'in_force', categories: ['contact_details'] }],
  }, { ...reader, consentsListed: 'own organisation only', sees: consentedSight(['contact_details'], 'hidden', 'shown') }],
  ['a mentor employed by the owning organisation, with no consent', {
    relation: 'support_person', roles: ['support_person'], otherType: 'region', supportRole: 'mentor', supportFromOwner: true, consents: [],
  }, nothing],
  ['a colleague in the owning organisation under emergency access', { relation: 'emergency', roles: ['team_member'], otherType: 'region', consents: [] },
    { ...reader, sees: fullSight('emergency') }],
];

describe('what each relation to a case may do', () => {
  it.each(table)('%s', async (_label, scenario, expected) => {
    const world = await buildWorld(scenario);
    expect(await observe(world)).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated: role sets × relation × consent state × categories; HTTP must agree with the domain.

const categoryArbitrary = fc.subarray([...InformationCategory.options], { minLength: 1, maxLength: 5 });
const consentArbitrary: fc.Arbitrary<ConsentSpec> = fc
  .record({
    state: fc.constantFrom<ConsentState>('in_force', 'in_force', 'withdrawn', 'expired', 'not_yet_valid'),
    categories: categoryArbitrary,
    excluded: fc.subarray([...InformationCategory.options], { maxLength: 2 }),
  })
  .map((spec) => ({ ...spec, excluded: spec.excluded.filter((category) => !spec.categories.includes(category)) }));
const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  relation: fc.constantFrom<Relation>(
    'coordinator', 'owning_team_member', 'owning_colleague', 'owning_manager', 'external_team_member', 'external_outsider', 'support_person', 'emergency',
  ),
  roles: fc.subarray([...Role.options], { minLength: 1, maxLength: 3 }),
  otherType: fc.constantFrom<Scenario['otherType']>('region', 'civil_society', 'municipality'),
  supportRole: fc.constantFrom<'support_person' | 'mentor'>('support_person', 'mentor'),
  supportFromOwner: fc.boolean(),
  consents: fc.array(consentArbitrary, { maxLength: 2 }),
});

describe('generated combinations', () => {
  it('answer over HTTP exactly as caseAccess, canReadCase, canEditCase and canManageTeam decide', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const world = await buildWorld(scenario);
        const outcome = await observe(world);
        expect(outcome).toEqual(verdict(world));
      }),
      // Each run builds a world in the database: keep the count modest, and report the first failure unshrunk.
      { numRuns: 40, endOnFailure: true },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Changes that take effect at once, and emergency access.

describe('access ends with the very next request', () => {
  it('after consent is withdrawn', async () => {
    const world = await buildWorld({ relation: 'external_team_member', roles: ['team_member'], otherType: 'region', consents: [] });
    const { lead } = world;
    const given = await as(env, lead).post(`/api/v1/cases/${world.caseId}/consents`, consentBody(world.actorFacts.organisationId));
    expectStatus(given, 201);
    expectStatus(await as(env, world.actor).get(`/api/v1/cases/${world.caseId}`), 200);

    expectStatus(await as(env, lead).post(`/api/v1/cases/${world.caseId}/consents/${given.json().id}/withdraw`, { version: given.json().version }), 200);
    const next = await as(env, world.actor).get(`/api/v1/cases/${world.caseId}`);
    expectStatus(next, 404);
    expect(next.body).toBe(missing.getCase);
    const list = await as(env, world.actor).get('/api/v1/cases');
    expect(list.json().cases.map((summary: { id: string }) => summary.id)).not.toContain(world.caseId);
  });

  it.each([
    ['a team member of the owning organisation', { relation: 'owning_team_member', consents: [] }],
    ['a member from another organisation with consent', { relation: 'external_team_member', consents: [healthAndContact] }],
  ] as const)('after %s is removed from the team', async (_label, { relation, consents }) => {
    const world = await buildWorld({ relation, roles: ['team_member'], otherType: 'region', consents: [...consents] });
    const { lead } = world;
    expectStatus(await as(env, world.actor).get(`/api/v1/cases/${world.caseId}/team`), 200);
    const team = await as(env, lead).get(`/api/v1/cases/${world.caseId}/team`);
    const place = team.json().members.find((member: { user: { id: string } }) => member.user.id === world.actor.id);
    expectStatus(await as(env, lead).delete(`/api/v1/cases/${world.caseId}/team/${place.id}`), 204);

    for (const [endpoint, path] of [['getCase', ''], ['getTeam', '/team'], ['getConsents', '/consents']] as const) {
      const next = await as(env, world.actor).get(`/api/v1/cases/${world.caseId}${path}`);
      expectStatus(next, 404);
      expect(next.body).toBe(missing[endpoint]);
    }
  });
});

describe('handing over the coordinator role', () => {
  it('moves team management to the new coordinator with the next request', async () => {
    const world = await buildWorld({ relation: 'owning_team_member', roles: ['coordinator'], otherType: 'region', consents: [] });
    const { lead, actor, caseId } = world;
    const addSpare = (user: TestUser) => as(env, user).post(`/api/v1/cases/${caseId}/team`, { userId: spare.id, teamRole: 'support_person' });
    expectStatus(await addSpare(actor), 403);

    const handedOver = await as(env, lead).patch(`/api/v1/cases/${caseId}`, { version: 1, coordinatorUserId: actor.id });
    expectStatus(handedOver, 200);
    expect(handedOver.json().access).toMatchObject({ via: 'owning_team', canEdit: true, canManageTeam: false });

    expectStatus(await addSpare(lead), 403);
    expect((await as(env, lead).get(`/api/v1/cases/${caseId}/access-log`)).statusCode).toBe(403);
    expectStatus(await addSpare(actor), 201);
    const seen = await as(env, actor).get(`/api/v1/cases/${caseId}`);
    expect(seen.json().access).toMatchObject({ via: 'coordinator', canManageTeam: true });
    const roles = (await as(env, actor).get(`/api/v1/cases/${caseId}/team`)).json().members
      .map((member: { user: { id: string }; teamRole: string }) => [member.user.id === lead.id ? 'former' : member.user.id === actor.id ? 'new' : 'spare', member.teamRole]);
    expect(Object.fromEntries(roles)).toEqual({ former: 'team_member', new: 'coordinator', spare: 'support_person' });
  });
});

describe('emergency access', () => {
  it('tells the owning organisation\'s managers, and flags every read under it in the audit log', async () => {
    const owner = await freshMunicipality();
    const elsewhere = await freshMunicipality();
    const managers = [await makeUser(env, owner, ['manager']), await makeUser(env, owner, ['manager', 'org_admin'])];
    const otherManager = await makeUser(env, elsewhere, ['manager']);
    const lead = await makeUser(env, owner, ['coordinator']);
    const colleague = await makeUser(env, owner, ['intake']);
    const created = await as(env, lead).post('/api/v1/cases', identifiedCase());
    expectStatus(created, 201);
    const caseId: string = created.json().id;
    const base = `/api/v1/cases/${caseId}`;

    expectStatus(await as(env, colleague).get(base), 404);
    const granted = await as(env, colleague).post(`${base}/emergency-access`, { reason });
    expectStatus(granted, 201);
    const grantedAt = Date.now();
    const hoursGranted = (new Date(granted.json().expiresAt).getTime() - grantedAt) / 3_600_000;
    expect(hoursGranted).toBeGreaterThan(3.9);
    expect(hoursGranted).toBeLessThanOrEqual(4);

    const notified = await env.database.db.selectFrom('notifications').select('userId')
      .where('caseId', '=', caseId).where('kind', '=', 'emergency_access').execute();
    expect(notified.map((row) => row.userId).sort()).toEqual(managers.map((manager) => manager.id).sort());
    const inbox = await as(env, managers[0]!).get('/api/v1/notifications');
    expect(inbox.json().notifications).toEqual([expect.objectContaining({ kind: 'emergency_access', caseId })]);
    expect((await as(env, otherManager).get('/api/v1/notifications')).json().notifications).toEqual([]);

    const read = await as(env, colleague).get(base);
    expectStatus(read, 200);
    expect(read.json().access).toMatchObject({ level: 'full', via: 'emergency', canEdit: false, canManageTeam: false });
    expect(read.json().participant).toMatchObject(identity);
    expectStatus(await as(env, colleague).get(`${base}/team`), 200);
    expectStatus(await as(env, colleague).get(`${base}/consents`), 200);
    expectStatus(await as(env, lead).get(base), 200);

    const events = await env.database.db.selectFrom('auditEvents').select(['actorUserId', 'action', 'emergency']).where('caseId', '=', caseId).execute();
    const byColleague = events.filter((event) => event.actorUserId === colleague.id);
    expect(byColleague.map((event) => event.action).sort()).toEqual(['case.read', 'consent.read', 'emergency_access.granted', 'team.read']);
    expect(byColleague.every((event) => event.emergency)).toBe(true);
    const byLead = events.filter((event) => event.actorUserId === lead.id);
    expect(byLead.map((event) => event.action)).toContain('case.read');
    expect(byLead.every((event) => !event.emergency)).toBe(true);

    // The participant's extract shows the emergency reads as such.
    const log = await as(env, lead).get(`${base}/access-log`);
    expectStatus(log, 200);
    const emergencyReads = log.json().entries.filter((entry: { emergency: boolean }) => entry.emergency);
    expect(emergencyReads.map((entry: { action: string }) => entry.action).sort()).toEqual(['case.read', 'consent.read', 'emergency_access.granted', 'team.read']);
  });

  it('is refused to those who may not ask, and hides cases outside the organisation', async () => {
    const owner = await freshMunicipality();
    const lead = await makeUser(env, owner, ['coordinator']);
    const manager = await makeUser(env, owner, ['manager']);
    const created = await as(env, lead).post('/api/v1/cases', identifiedCase());
    const caseId: string = created.json().id;
    const ask = (user: TestUser, id = caseId) => as(env, user).post(`/api/v1/cases/${id}/emergency-access`, { reason });

    expectStatus(await ask(lead), 409);
    expectStatus(await ask(manager), 409);
    // Those who may not ask, in the organisation or outside it, cannot tell the case from a missing one.
    const analyst = await makeUser(env, owner, ['analyst', 'org_admin']);
    const outsider = await makeUser(env, await organisations.region(env), ['coordinator']);
    for (const user of [analyst, outsider]) {
      const refused = await ask(user);
      expectStatus(refused, 404);
      expect(refused.body).toBe(missing.postEmergencyAccess);
    }

    const grants = await env.database.db.selectFrom('emergencyAccessGrants').select('id').where('caseId', '=', caseId).execute();
    expect(grants).toEqual([]);
    const notified = await env.database.db.selectFrom('notifications').select('id').where('caseId', '=', caseId).execute();
    expect(notified).toEqual([]);
  });
});

describe('protected identity', () => {
  it('hides the address from everyone but the coordinator, and an edit does not lift the protection', async () => {
    const owner = await freshMunicipality();
    const lead = await makeUser(env, owner, ['coordinator']);
    const colleague = await makeUser(env, owner, ['team_member']);
    const created = await as(env, lead).post('/api/v1/cases', identifiedCase('protected_registration'));
    expectStatus(created, 201);
    const base = `/api/v1/cases/${created.json().id}`;
    expectStatus(await as(env, lead).post(`${base}/team`, { userId: colleague.id, teamRole: 'team_member' }), 201);

    expect((await as(env, lead).get(base)).json().participant.address).toBe(contactDetails.address);
    const seen = (await as(env, colleague).get(base)).json().participant;
    expect(seen).toMatchObject({ ...identity, phone: contactDetails.phone, email: contactDetails.email, address: null });

    const renamed = await as(env, colleague).patch(base, { version: 1, participant: { alias: 'Vår' } });
    expectStatus(renamed, 200);
    expect(renamed.json().participant).toMatchObject({ alias: 'Vår', protectedIdentity: 'protected_registration', address: null, languages: ['sv', 'ro'] });
    expect((await as(env, colleague).get(base)).json().participant.address).toBeNull();
  });
});
