import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, anonymousCase, makeUser, organisations, testEnv, type TestEnv, type TestUser } from './helpers';

/**
 * What the API does with input it must refuse: every create and update endpoint gets malformed JSON,
 * an oversized body, wrong types and unknown fields, and must answer 4xx with a plain error and leave
 * the database exactly as it was. Plus idempotency, optimistic concurrency, headers and the API description.
 */

let env: TestEnv;
let regionId: string;
let coordinator: TestUser;
let colleague: TestUser;
let bystander: TestUser;
let caseId: string;
let consentId: string;

beforeAll(async () => {
  env = await testEnv();
  const orgId = await organisations.municipality(env);
  regionId = await organisations.region(env);
  coordinator = await makeUser(env, orgId, ['coordinator']);
  colleague = await makeUser(env, orgId, ['team_member']);
  bystander = await makeUser(env, orgId, ['team_member']);
  const created = await as(env, coordinator).post('/api/v1/cases', anonymousCase());
  expect(created.statusCode, created.body).toBe(201);
  caseId = created.json().id;
  const consent = await as(env, coordinator).post(`/api/v1/cases/${caseId}/consents`, consentInput());
  expect(consent.statusCode, consent.body).toBe(201);
  consentId = consent.json().id;
});
afterAll(async () => { await env?.close(); });

const consentInput = () => ({ recipientOrganisationId: regionId, categories: ['health'], purposes: ['coordination'], form: 'written', givenOn: '2024-05-01' });

/** Everything a refused request could have changed. */
async function snapshot() {
  const result = await sql<Record<string, unknown>>`select
    (select count(*) from cases)::int as cases,
    (select count(*) from participants)::int as participants,
    (select count(*) from case_team_members)::int as team_rows,
    (select count(*) from case_team_members where removed_at is not null)::int as team_removed,
    (select count(*) from consents)::int as consents,
    (select count(*) from consents where withdrawn_at is not null)::int as consents_withdrawn,
    (select count(*) from emergency_access_grants)::int as emergency_grants,
    (select count(*) from notifications)::int as notifications,
    (select count(*) from idempotency_keys)::int as idempotency_keys,
    (select count(*) from sessions)::int as sessions,
    (select coalesce(sum(version), 0) from cases)::int as case_versions,
    (select coalesce(sum(version), 0) from consents)::int as consent_versions,
    (select max(updated_at)::text from participants) as participant_updated,
    (select string_agg(alias, ',' order by id) from participants) as aliases`.execute(env.database.db);
  return result.rows[0]!;
}

function send(user: TestUser | null, method: InjectOptions['method'], url: string, body?: string, headers: Record<string, string> = {}) {
  return env.app.inject({
    method,
    url,
    payload: body,
    headers: {
      ...(user ? { authorization: `Bearer ${user.token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
  });
}

/** A refusal is a plain JSON error: a code and a message, never a stack trace, a file or SQL. */
function expectCleanError(response: LightMyRequestResponse, status: number, code?: string): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json();
  expect(typeof body.error?.code).toBe('string');
  if (code) expect(body.error.code).toBe(code);
  expect(response.body).not.toMatch(/\n\s+at |\bat .+:\d+:\d+|\.ts:\d+|\.js:\d+|node_modules|"stack"/);
  expect(response.body).not.toMatch(/\bselect\b.+\bfrom\b|\binsert into\b|\bupdate\b.+\bset\b|\bdelete from\b|\bsyntax error\b|\brelation "|\bviolates\b|\bconstraint\b/i);
}

async function expectRefusedUnchanged(run: () => Promise<LightMyRequestResponse>, status: number, code?: string): Promise<LightMyRequestResponse> {
  const before = await snapshot();
  const response = await run();
  expectCleanError(response, status, code);
  expect(await snapshot()).toEqual(before);
  return response;
}

interface Endpoint {
  method: 'POST' | 'PATCH';
  url: () => string;
  user: () => TestUser | null;
  valid: () => Record<string, unknown>;
  wrongTypes: () => unknown;
  unknownFields: () => Record<string, unknown>[];
}

const endpoints: Record<string, Endpoint> = {
  'create case': {
    method: 'POST', url: () => '/api/v1/cases', user: () => coordinator,
    valid: () => anonymousCase('Giltig'),
    wrongTypes: () => ({ program: 42, participant: 'Vinter' }),
    unknownFields: () => [
      { ...anonymousCase(), ownerOrganisationId: regionId },
      { ...anonymousCase(), participant: { ...anonymousCase().participant, ssn: '191212121212' } },
    ],
  },
  'update case': {
    method: 'PATCH', url: () => `/api/v1/cases/${caseId}`, user: () => coordinator,
    valid: () => ({ version: 1, participant: { alias: 'Giltig' } }),
    wrongTypes: () => ({ version: 'one', participant: { alias: 7, interpreterNeeded: 'yes' } }),
    unknownFields: () => [
      { version: 1, status: 'closed' },
      { version: 1, ownerOrganisationId: regionId },
      { version: 1, participant: { alias: 'Giltig', identityData: 'x' } },
    ],
  },
  'add team member': {
    method: 'POST', url: () => `/api/v1/cases/${caseId}/team`, user: () => coordinator,
    valid: () => ({ userId: colleague.id, teamRole: 'team_member' }),
    wrongTypes: () => ({ userId: 123, teamRole: ['team_member'] }),
    unknownFields: () => [{ userId: colleague.id, teamRole: 'team_member', organisationId: regionId }],
  },
  'record consent': {
    method: 'POST', url: () => `/api/v1/cases/${caseId}/consents`, user: () => coordinator,
    valid: consentInput,
    wrongTypes: () => ({ recipientOrganisationId: true, categories: 'health', purposes: 1, form: 2, givenOn: 20240501 }),
    unknownFields: () => [{ ...consentInput(), recordedBy: colleague.id }, { ...consentInput(), withdrawnAt: null }],
  },
  'withdraw consent': {
    method: 'POST', url: () => `/api/v1/cases/${caseId}/consents/${consentId}/withdraw`, user: () => coordinator,
    valid: () => ({ version: 1 }),
    wrongTypes: () => ({ version: '1' }),
    unknownFields: () => [{ version: 1, withdrawnBy: colleague.id }],
  },
  'request emergency access': {
    method: 'POST', url: () => `/api/v1/cases/${caseId}/emergency-access`, user: () => bystander,
    valid: () => ({ reason: 'Akut skyddsbehov, samordnaren nås inte.' }),
    wrongTypes: () => ({ reason: 12_345_678_901 }),
    unknownFields: () => [{ reason: 'Akut skyddsbehov, samordnaren nås inte.', hours: 400 }],
  },
  'log in': {
    method: 'POST', url: () => '/api/v1/auth/login', user: () => null,
    valid: () => ({ email: coordinator.email, password: 'wrong but well-formed' }),
    wrongTypes: () => ({ email: 1, password: ['correct horse battery'] }),
    unknownFields: () => [{ email: coordinator.email, password: coordinator.password, rememberMe: true }],
  },
  'second factor': {
    method: 'POST', url: () => '/api/v1/auth/second-factor', user: () => coordinator,
    valid: () => ({ code: '123456' }),
    wrongTypes: () => ({ code: 123456 }),
    unknownFields: () => [{ code: '123456', trustThisDevice: true }],
  },
};

describe.each(Object.entries(endpoints))('%s', (_name, endpoint) => {
  it('refuses malformed JSON with 400', async () => {
    for (const body of ['{"program": "exit_program",', '{\'single\': 1}', 'null garbage', '{"a":1}}']) {
      await expectRefusedUnchanged(() => send(endpoint.user(), endpoint.method, endpoint.url(), body), 400);
    }
  });

  it('refuses a body over 256 KB with 413', async () => {
    const body = JSON.stringify({ ...endpoint.valid(), padding: 'x'.repeat(300 * 1024) });
    await expectRefusedUnchanged(() => send(endpoint.user(), endpoint.method, endpoint.url(), body), 413, 'body_too_large');
  });

  it('refuses a body that is not JSON with 415', async () => {
    for (const contentType of ['application/xml', 'application/x-www-form-urlencoded']) {
      await expectRefusedUnchanged(() => send(endpoint.user(), endpoint.method, endpoint.url(), JSON.stringify(endpoint.valid()), { 'content-type': contentType }), 415, 'unsupported_media_type');
    }
    // Plain text is read as a string, which no endpoint takes.
    await expectRefusedUnchanged(() => send(endpoint.user(), endpoint.method, endpoint.url(), JSON.stringify(endpoint.valid()), { 'content-type': 'text/plain' }), 400, 'validation_failed');
  });

  it('refuses wrong types with 400 validation_failed', async () => {
    for (const body of [endpoint.wrongTypes(), [], 'a string', 17]) {
      const response = await expectRefusedUnchanged(() => send(endpoint.user(), endpoint.method, endpoint.url(), JSON.stringify(body)), 400, 'validation_failed');
      expect(response.json().error.issues.length).toBeGreaterThan(0);
    }
  });

  it('refuses unknown fields with 400 validation_failed', async () => {
    for (const body of endpoint.unknownFields()) {
      await expectRefusedUnchanged(() => send(endpoint.user(), endpoint.method, endpoint.url(), JSON.stringify(body)), 400, 'validation_failed');
    }
  });
});

describe('personnummer', () => {
  const withNumber = (identityNumber: string) => ({
    program: 'exit_program',
    participant: { alias: 'Nummer', firstName: 'Maria', identityNumber },
  });

  it.each([
    ['a bad check digit', '19121212-1213', 'identity_number_checksum'],
    ['a date that does not exist', '19990230-1234', 'identity_number_date'],
    ['month 13', '19121312-1212', 'identity_number_date'],
    ['letters', '1912121A-1212', 'identity_number_format'],
    ['too few digits', '121212-121', 'identity_number_format'],
  ])('refuses %s on create and on update, without echoing the number', async (_label, identityNumber, message) => {
    for (const [method, url, body] of [
      ['POST', '/api/v1/cases', withNumber(identityNumber)],
      ['PATCH', `/api/v1/cases/${caseId}`, { version: 1, participant: { identityNumber } }],
    ] as const) {
      const response = await expectRefusedUnchanged(() => send(coordinator, method, url, JSON.stringify(body)), 400, 'validation_failed');
      const issues = response.json().error.issues as { path: string; message: string }[];
      expect(issues).toContainEqual(expect.objectContaining({ path: 'body.participant.identityNumber', message }));
      expect(response.body).not.toContain(identityNumber);
    }
  });

  it.each([
    ['19121212-1212', '191212121212'],
    ['121212+1212', '191212121212'],
    ['121212-1212', '201212121212'],
  ])('accepts %s and stores it normalised as %s', async (given, normalised) => {
    const created = await as(env, coordinator).post('/api/v1/cases', withNumber(given));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().participant.identityNumber).toBe(normalised);
  });
});

describe('text that looks like code is stored and returned as data', () => {
  const script = '<script>alert(1)</script>';
  const injection = "'; drop table cases; --";
  const image = '<img src=x onerror="alert(document.cookie)">';
  const quoted = 'Robert"); DROP TABLE participants;--';

  it('round-trips HTML and SQL exactly, as JSON, and runs none of it', async () => {
    const casesBefore = (await snapshot()).cases as number;
    const created = await as(env, coordinator).post('/api/v1/cases', {
      program: 'exit_program',
      participant: { alias: script, firstName: injection, lastName: quoted, address: image },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;

    const read = await as(env, coordinator).get(`/api/v1/cases/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toMatch(/^application\/json/);
    expect(read.headers['x-content-type-options']).toBe('nosniff');
    const participant = read.json().participant;
    expect(participant.alias).toBe(script);
    expect(participant.firstName).toBe(injection);
    expect(participant.lastName).toBe(quoted);
    expect(participant.address).toBe(image);
    // The quotes inside are escaped as JSON requires; the strings are values, not markup or statements.
    expect(read.body).toContain(JSON.stringify(image));
    expect(read.body).toContain(JSON.stringify(quoted));

    const list = await as(env, coordinator).get('/api/v1/cases?limit=200');
    expect(list.json().cases.map((summary: { alias: string }) => summary.alias)).toContain(script);

    const updated = await as(env, coordinator).patch(`/api/v1/cases/${id}`, { version: 1, participant: { alias: injection } });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().participant.alias).toBe(injection);
    expect((await as(env, coordinator).get(`/api/v1/cases/${id}`)).json().participant.alias).toBe(injection);

    // The tables are all still there, holding what they held plus the one case.
    expect((await snapshot()).cases).toBe(casesBefore + 1);
    const stored = await env.database.db.selectFrom('participants').select('alias').where('alias', '=', injection).execute();
    expect(stored).toHaveLength(1);
  });
});

describe('consent dates', () => {
  it.each([
    ['valid until before valid from', { validFrom: '2024-06-01', validUntil: '2024-05-01' }, 'dates_out_of_order'],
    ['valid until before given on', { givenOn: '2024-05-01', validUntil: '2024-04-30' }, 'dates_out_of_order'],
    ['a date that does not exist', { givenOn: '2024-02-30' }, undefined],
    ['a date in another format', { givenOn: '01/05/2024' }, undefined],
  ])('refuses %s', async (_label, change, message) => {
    const response = await expectRefusedUnchanged(
      () => send(coordinator, 'POST', `/api/v1/cases/${caseId}/consents`, JSON.stringify({ ...consentInput(), ...change })), 400, 'validation_failed');
    if (message) expect(response.json().error.issues.map((issue: { message: string }) => issue.message)).toContain(message);
  });

  it('refuses a category both given and excluded', async () => {
    await expectRefusedUnchanged(
      () => send(coordinator, 'POST', `/api/v1/cases/${caseId}/consents`, JSON.stringify({ ...consentInput(), excludedCategories: ['health'] })), 400, 'validation_failed');
  });
});

describe('ids in the path', () => {
  const badIds = ['not-a-uuid', '123', "1' or '1'='1", '00000000-0000-0000-0000-00000000000g', '../cases'];

  it('answers 400, never 500, for an id that is not a uuid', async () => {
    for (const raw of badIds) {
      const bad = encodeURIComponent(raw);
      const calls: [InjectOptions['method'], string, unknown][] = [
        ['GET', `/api/v1/cases/${bad}`, undefined],
        ['PATCH', `/api/v1/cases/${bad}`, { version: 1, participant: { alias: 'X' } }],
        ['GET', `/api/v1/cases/${bad}/team`, undefined],
        ['POST', `/api/v1/cases/${bad}/team`, { userId: colleague.id, teamRole: 'team_member' }],
        ['DELETE', `/api/v1/cases/${bad}/team/${coordinator.id}`, undefined],
        ['DELETE', `/api/v1/cases/${caseId}/team/${bad}`, undefined],
        ['GET', `/api/v1/cases/${bad}/consents`, undefined],
        ['POST', `/api/v1/cases/${bad}/consents`, consentInput()],
        ['POST', `/api/v1/cases/${caseId}/consents/${bad}/withdraw`, { version: 1 }],
        ['POST', `/api/v1/cases/${bad}/emergency-access`, { reason: 'Akut skyddsbehov, samordnaren nås inte.' }],
        ['GET', `/api/v1/cases/${bad}/access-log`, undefined],
        ['GET', `/api/v1/organisations/${bad}/staff`, undefined],
        ['POST', `/api/v1/notifications/${bad}/read`, {}],
      ];
      for (const [method, url, body] of calls) {
        const response = await expectRefusedUnchanged(() => send(coordinator, method, url, body === undefined ? undefined : JSON.stringify(body)), 400);
        expect(response.statusCode, `${method} ${url}`).toBe(400);
      }
    }
  });

  it('refuses bad list parameters', async () => {
    for (const query of ['limit=abc', 'limit=0', 'limit=100000', 'offset=-1', 'sort=alias']) {
      expectCleanError(await send(coordinator, 'GET', `/api/v1/cases?${query}`), 400, 'validation_failed');
    }
  });
});

describe('idempotency keys', () => {
  it('creates one case for the same key and body, and gives the same answer', async () => {
    const body = anonymousCase('Idempotent');
    const headers = { 'idempotency-key': 'create-case-0001' };
    const before = await snapshot();
    const first = await as(env, coordinator).post('/api/v1/cases', body, headers);
    const second = await as(env, coordinator).post('/api/v1/cases', body, headers);
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toEqual(first.json());
    const after = await snapshot();
    expect(after.cases).toBe((before.cases as number) + 1);
    expect(after.participants).toBe((before.participants as number) + 1);

    // The same key with another body is a client error, not a second case.
    const other = await expectRefusedUnchanged(() => send(coordinator, 'POST', '/api/v1/cases', JSON.stringify(anonymousCase('Annan')), headers), 422, 'idempotency_key_reused');
    expect(other.body).not.toContain('Idempotent');

    // Keys are the caller's own: another user's identical key is a new request.
    const colleagueCreates = await makeUser(env, coordinator.organisationId, ['coordinator']);
    const theirs = await as(env, colleagueCreates).post('/api/v1/cases', body, headers);
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(theirs.json().id).not.toBe(first.json().id);
  });

  it('records one consent for the same key and body', async () => {
    const headers = { 'idempotency-key': 'record-consent-0001' };
    const before = await snapshot();
    const first = await as(env, coordinator).post(`/api/v1/cases/${caseId}/consents`, consentInput(), headers);
    const second = await as(env, coordinator).post(`/api/v1/cases/${caseId}/consents`, consentInput(), headers);
    expect(first.statusCode, first.body).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect((await snapshot()).consents).toBe((before.consents as number) + 1);
  });

  it('refuses a malformed key', async () => {
    for (const key of ['short', 'has spaces in it', 'ümlaut-key-123', 'x'.repeat(101)]) {
      await expectRefusedUnchanged(() => send(coordinator, 'POST', '/api/v1/cases', JSON.stringify(anonymousCase()), { 'idempotency-key': key }), 400, 'invalid_idempotency_key');
    }
  });
});

describe('optimistic concurrency', () => {
  it('refuses the second of two edits made from the same version, and keeps the first', async () => {
    const created = await as(env, coordinator).post('/api/v1/cases', anonymousCase('Original'));
    const id = created.json().id;
    const version = created.json().version;
    const first = await as(env, coordinator).patch(`/api/v1/cases/${id}`, { version, participant: { alias: 'Först' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(version + 1);

    const stale = await expectRefusedUnchanged(() => send(coordinator, 'PATCH', `/api/v1/cases/${id}`, JSON.stringify({ version, participant: { alias: 'Sist' } })), 409, 'stale_version');
    expect(stale.json().error.details.currentVersion).toBe(version + 1);

    const read = await as(env, coordinator).get(`/api/v1/cases/${id}`);
    expect(read.json().participant.alias).toBe('Först');
    expect(read.json().version).toBe(version + 1);
    expect(read.headers.etag).toBe(`"${version + 1}"`);
  });

  it('refuses a stale consent withdrawal', async () => {
    const recorded = await as(env, coordinator).post(`/api/v1/cases/${caseId}/consents`, consentInput());
    await expectRefusedUnchanged(() => send(coordinator, 'POST', `/api/v1/cases/${caseId}/consents/${recorded.json().id}/withdraw`, JSON.stringify({ version: 7 })), 409, 'stale_version');
  });
});

describe('headers, health and the API description', () => {
  function expectSecurityHeaders(response: LightMyRequestResponse): void {
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  }

  it('sends security headers and no-store on API answers, errors included', async () => {
    for (const response of [
      await as(env, coordinator).get('/api/v1/cases'),
      await as(env, coordinator).get(`/api/v1/cases/${caseId}`),
      await send(null, 'GET', '/api/v1/cases'),
      await send(coordinator, 'POST', '/api/v1/cases', '{'),
      await send(null, 'GET', '/api/v1/no-such-route'),
    ]) {
      expectSecurityHeaders(response);
      expect(response.headers['cache-control']).toBe('no-store');
    }
    const health = await send(null, 'GET', '/healthz');
    expectSecurityHeaders(health);
  });

  it('answers /healthz and /readyz', async () => {
    const health = await send(null, 'GET', '/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await send(null, 'GET', '/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });

  it('describes the API in OpenAPI 3.1, case routes included', async () => {
    const response = await send(null, 'GET', '/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(document.paths['/api/v1/cases'] ?? {})).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(document.paths['/api/v1/cases/{caseId}'] ?? {})).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(document.paths['/api/v1/cases/{caseId}/consents']).toBeDefined();
    expect(document.paths['/api/v1/cases/{caseId}/team']).toBeDefined();
  });
});
