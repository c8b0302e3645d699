/**
 * SIP meetings over HTTP against a real database: scheduling, minutes, cancelling, concurrency, bad
 * input, who sees what (support persons see times, not text), encryption at rest, iCalendar output
 * checked by a real parser, the personal calendar feed and the audit trail.
 */
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_FETCHES_PER_HOUR } from '../src/meetings/routes';
import { addMemberWithoutConsent, anonymousCase, as, expectStatus, makeUser, organisations, testEnv, today, type TestEnv, type TestUser } from './helpers';

let env: TestEnv;
let municipalityId: string;
let regionId: string;
let associationId: string;
let coordinator: TestUser;
let colleague: TestUser;
let nurse: TestUser;
let supportPerson: TestUser;
let outsider: TestUser;

const agenda = 'Genomgång av traumabehandlingen och boendet';
const minutesText = 'Deltagaren vill byta boende före sommaren';
const secretPlace = 'Skyddat boende Granvägen 12';
const realName = 'Lindqvist';


const inDays = (days: number, hour: number) => {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString();
};

const meeting = (overrides: Record<string, unknown> = {}) => ({
  startsAt: inDays(7, 8), endsAt: inDays(7, 10), place: secretPlace, participantAttends: true,
  attendeeUserIds: [colleague.id, supportPerson.id], agenda, ...overrides,
});

/** A case with a colleague, a consented region nurse, a support person (no consent) and an outside region user on the team. */
async function newCase(protectedIdentity = 'none', alias = 'Björk'): Promise<{ caseId: string; base: string }> {
  const input = anonymousCase(alias);
  const created = await as(env, coordinator).post('/api/v1/cases', {
    ...input, participant: { ...input.participant, protectedIdentity, firstName: 'Amira', lastName: 'Lindqvist' },
  });
  expectStatus(created, 201);
  const caseId: string = created.json().id;
  const base = `/api/v1/cases/${caseId}`;
  expectStatus(await as(env, coordinator).post(`${base}/consents`, {
    recipientOrganisationId: regionId, categories: ['health'], purposes: ['care_planning'], form: 'written', givenOn: today(),
  }), 201);
  const team: [TestUser, string][] = [[colleague, 'team_member'], [nurse, 'team_member']];
  for (const [user, teamRole] of team) expectStatus(await as(env, coordinator).post(`${base}/team`, { userId: user.id, teamRole }), 201);
  // Without consent in force (as after a withdrawal) these two can no longer be invited, but they can still be on the team.
  await addMemberWithoutConsent(env, caseId, supportPerson, 'support_person', coordinator);
  await addMemberWithoutConsent(env, caseId, outsider, 'team_member', coordinator);
  return { caseId, base };
}

async function schedule(base: string, overrides: Record<string, unknown> = {}) {
  const response = await as(env, coordinator).post(`${base}/meetings`, meeting(overrides));
  expectStatus(response, 201);
  return response.json() as { id: string; version: number };
}

function parseCalendar(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  return component.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

beforeAll(async () => {
  env = await testEnv();
  municipalityId = await organisations.municipality(env);
  regionId = await organisations.region(env);
  associationId = await organisations.civilSociety(env);
  const otherRegion = await organisations.region(env, '01');
  coordinator = await makeUser(env, municipalityId, ['coordinator']);
  colleague = await makeUser(env, municipalityId, ['team_member']);
  nurse = await makeUser(env, regionId, ['team_member']);
  supportPerson = await makeUser(env, associationId, ['team_member']);
  outsider = await makeUser(env, otherRegion, ['team_member']);
});
afterAll(async () => { await env?.close(); });

describe('scheduling, minutes and cancelling', () => {
  it('schedules, changes, records minutes with outcomes and then keeps the meeting as it is', async () => {
    const { base } = await newCase();
    const created = await schedule(base);
    const changed = await as(env, coordinator).patch(`${base}/meetings/${created.id}`, { version: created.version, ...meeting({ agenda: 'Ny dagordning', participantAttends: false }) });
    expectStatus(changed, 200);
    expect(changed.json()).toMatchObject({ agenda: 'Ny dagordning', participantAttends: false, version: 2, status: 'scheduled' });
    expect(changed.json().attendees.map((attendee: { id: string }) => attendee.id).sort()).toEqual([colleague.id, supportPerson.id].sort());

    const minutes = await as(env, colleague).post(`${base}/meetings/${created.id}/minutes`, {
      version: 2, text: minutesText, outcomes: [{ text: 'Ny boendeinsats i planen', planChange: true }, { text: 'Nästa möte i maj', planChange: false }],
    });
    expectStatus(minutes, 200);
    expect(minutes.json()).toMatchObject({ status: 'held', version: 3, minutes: { text: minutesText, outcomes: [{ planChange: true }, { planChange: false }] } });

    const again = await as(env, coordinator).patch(`${base}/meetings/${created.id}`, { version: 3, ...meeting() });
    expectStatus(again, 409);
    expect(again.json().error.code).toBe('meeting_not_scheduled');

    const list = await as(env, coordinator).get(`${base}/meetings`);
    expectStatus(list, 200);
    expect(list.json()).toMatchObject({ canSchedule: true, canReadText: true });
    expect(list.json().meetings).toHaveLength(1);
  });

  it('cancels a meeting and answers 409 to a stale change', async () => {
    const { base } = await newCase();
    const created = await schedule(base);
    expectStatus(await as(env, coordinator).patch(`${base}/meetings/${created.id}`, { version: 1, ...meeting({ agenda: 'Först' }) }), 200);
    const stale = await as(env, colleague).patch(`${base}/meetings/${created.id}`, { version: 1, ...meeting({ agenda: 'Sist' }) });
    expectStatus(stale, 409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', details: { currentVersion: 2 } });
    expectStatus(await as(env, coordinator).post(`${base}/meetings/${created.id}/cancel`, { version: 1 }), 409);
    const cancelled = await as(env, coordinator).post(`${base}/meetings/${created.id}/cancel`, { version: 2 });
    expectStatus(cancelled, 200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', agenda: 'Först' });
  });
});

describe('bad input', () => {
  it('names the rule when the meeting ends before it starts, and stores nothing', async () => {
    const { base } = await newCase();
    const response = await as(env, coordinator).post(`${base}/meetings`, meeting({ startsAt: inDays(3, 10), endsAt: inDays(3, 9) }));
    expectStatus(response, 400);
    expect(response.json().error.issues.map((issue: { message: string }) => issue.message)).toContain('dates_out_of_order');
    expect((await as(env, coordinator).get(`${base}/meetings`)).json().meetings).toEqual([]);
  });

  it('refuses an attendee who is not on the team', async () => {
    const { base } = await newCase();
    const stranger = await makeUser(env, municipalityId, ['team_member']);
    const response = await as(env, coordinator).post(`${base}/meetings`, meeting({ attendeeUserIds: [colleague.id, stranger.id] }));
    expectStatus(response, 400);
    expect(response.json().error).toMatchObject({ code: 'attendee_not_on_team', details: { userIds: [stranger.id] } });
    expect((await as(env, coordinator).get(`${base}/meetings`)).json().meetings).toEqual([]);
  });
});

describe('who sees meetings', () => {
  it('shows a support person the time, place and attendees but not the agenda or minutes, and lets them change nothing', async () => {
    const { base } = await newCase();
    const created = await schedule(base);
    expectStatus(await as(env, coordinator).post(`${base}/meetings/${created.id}/minutes`, { version: 1, text: minutesText, outcomes: [] }), 200);
    const seen = await as(env, supportPerson).get(`${base}/meetings`);
    expectStatus(seen, 200);
    expect(seen.json()).toMatchObject({ canSchedule: false, canReadText: false });
    const [view] = seen.json().meetings;
    expect(view).toMatchObject({ id: created.id, startsAt: meeting().startsAt, place: secretPlace, agenda: null, minutes: null });
    expect(seen.body).not.toContain(agenda);
    expect(seen.body).not.toContain(minutesText);
    expectStatus(await as(env, supportPerson).post(`${base}/meetings`, meeting()), 403);
    // The rest of the case stays closed to them.
    expectStatus(await as(env, supportPerson).get(`${base}/journal`), 404);
  });

  it('hides the place from a support person when the participant has protected identity', async () => {
    const { base } = await newCase('protected_registration');
    const created = await schedule(base);
    const [supportView] = (await as(env, supportPerson).get(`${base}/meetings`)).json().meetings;
    expect(supportView).toMatchObject({ id: created.id, place: null });
    const [coordinatorView] = (await as(env, coordinator).get(`${base}/meetings`)).json().meetings;
    expect(coordinatorView).toMatchObject({ id: created.id, place: secretPlace });
  });

  it('shows a consented external member the text, and nothing at all to a member without consent', async () => {
    const { base } = await newCase();
    const created = await schedule(base);
    const nurseView = await as(env, nurse).get(`${base}/meetings`);
    expectStatus(nurseView, 200);
    expect(nurseView.json().meetings[0].agenda).toBe(agenda);
    expectStatus(await as(env, outsider).get(`${base}/meetings`), 404);
    expectStatus(await as(env, outsider).get(`${base}/meetings/${created.id}/calendar.ics`), 404);
    expectStatus(await as(env, outsider).post(`${base}/meetings/${created.id}/cancel`, { version: 1 }), 404);
  });
});

describe('encryption at rest', () => {
  it('stores place, agenda and minutes only as ciphertext', async () => {
    const { base } = await newCase();
    const created = await schedule(base);
    expectStatus(await as(env, coordinator).post(`${base}/meetings/${created.id}/minutes`, { version: 1, text: minutesText, outcomes: [{ text: 'Planändring', planChange: true }] }), 200);
    const row = await env.database.db.selectFrom('meetings').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    for (const [column, plain] of [[row.place, secretPlace], [row.agenda, agenda], [row.minutes, minutesText]] as const) {
      expect(column).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(column!).toString('latin1')).not.toContain(plain.slice(0, 12));
    }
  });
});

describe('iCalendar', () => {
  it('gives one event with the alias only and the right times', async () => {
    const { base } = await newCase('none', 'Björk');
    const created = await schedule(base);
    const response = await as(env, colleague).get(`${base}/meetings/${created.id}/calendar.ics`);
    expectStatus(response, 200);
    expect(response.headers['content-type']).toContain('text/calendar');
    const events = parseCalendar(response.body);
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toBe('SIP-möte: Björk');
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe(meeting().startsAt);
    expect(events[0]!.endDate.toJSDate().toISOString()).toBe(meeting().endsAt);
    expect(events[0]!.location).toBe(secretPlace);
    expect(response.body).not.toContain(realName);
    expect(response.body).not.toContain(agenda);
  });

  it('leaves the place out for a participant with protected identity', async () => {
    const { base } = await newCase('protected_registration', 'Ek');
    const created = await schedule(base);
    const response = await as(env, coordinator).get(`${base}/meetings/${created.id}/calendar.ics`);
    expectStatus(response, 200);
    const events = parseCalendar(response.body);
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toBe('SIP-möte: Ek');
    expect(events[0]!.location ?? null).toBeNull();
    expect(response.body).not.toContain('Granvägen');
  });
});

describe('personal calendar feed', () => {
  it('lists the user\'s upcoming meetings across cases with a valid token, and 404s once rotated or wrong', async () => {
    const mentor = await makeUser(env, associationId, ['team_member']);
    const open = await newCase('none', 'Lind');
    const hidden = await newCase('assumed_identity', 'Rönn');
    for (const { caseId } of [open, hidden]) await addMemberWithoutConsent(env, caseId, mentor, 'mentor', coordinator);
    await schedule(open.base, { attendeeUserIds: [mentor.id] });
    await schedule(hidden.base, { attendeeUserIds: [mentor.id], startsAt: inDays(8, 8), endsAt: inDays(8, 9) });
    await schedule(open.base, { attendeeUserIds: [mentor.id], startsAt: inDays(-3, 8), endsAt: inDays(-3, 9) });
    await schedule(open.base, { attendeeUserIds: [colleague.id] });

    const created = await as(env, mentor).post('/api/v1/calendar-feed');
    expectStatus(created, 201);
    const path: string = created.json().path;
    expect(path).toMatch(/^\/calendar\/cal_[A-Za-z0-9_-]+\.ics$/);
    const stored = await env.database.db.selectFrom('calendarFeedTokens').selectAll().where('userId', '=', mentor.id).execute();
    expect(stored.map((row) => row.tokenHash)).not.toContain(path.slice('/calendar/'.length, -'.ics'.length));

    const feed = await env.app.inject({ method: 'GET', url: path });
    expectStatus(feed, 200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const events = parseCalendar(feed.body);
    expect(events.map((event) => event.summary).sort()).toEqual(['SIP-möte: Lind', 'SIP-möte: Rönn']);
    expect(events.find((event) => event.summary === 'SIP-möte: Lind')!.location).toBe(secretPlace);
    expect(events.find((event) => event.summary === 'SIP-möte: Rönn')!.location ?? null).toBeNull();
    expect(feed.body).not.toContain(realName);
    expect(feed.body).not.toContain(agenda);
    expect(feed.body.match(/Granvägen/g)).toHaveLength(1);

    const audited = await env.database.db.selectFrom('auditEvents').select(['action', 'actorUserId', 'caseId'])
      .where('requestId', '=', String(feed.headers['x-request-id'])).execute();
    expect(audited.map((row) => row.action)).toEqual(['calendar.feed', 'calendar.feed']);
    expect(new Set(audited.map((row) => row.actorUserId))).toEqual(new Set([mentor.id]));
    expect(new Set(audited.map((row) => row.caseId))).toEqual(new Set([open.caseId, hidden.caseId]));

    expectStatus(await env.app.inject({ method: 'GET', url: `/calendar/cal_${randomUUID()}.ics` }), 404);
    const rotated = await as(env, mentor).post('/api/v1/calendar-feed');
    expectStatus(rotated, 201);
    expectStatus(await env.app.inject({ method: 'GET', url: path }), 404);
    expectStatus(await env.app.inject({ method: 'GET', url: rotated.json().path }), 200);
  });

  it('tells whether a feed is on, turns it off at once, and throttles a scraped address', async () => {
    const user = await makeUser(env, municipalityId, ['coordinator']);
    expect((await as(env, user).get('/api/v1/calendar-feed')).json()).toEqual({ active: false, createdAt: null });
    expectStatus(await as(env, user).delete('/api/v1/calendar-feed'), 404);

    const path: string = (await as(env, user).post('/api/v1/calendar-feed')).json().path;
    const status = (await as(env, user).get('/api/v1/calendar-feed')).json();
    expect(status.active).toBe(true);
    expect(Date.parse(status.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(status)).not.toContain(path.slice('/calendar/'.length, -'.ics'.length));

    // A calendar app's fetches pass; past the hourly limit the address answers 429 with Retry-After.
    for (let fetch = 0; fetch < FEED_FETCHES_PER_HOUR; fetch++) expectStatus(await env.app.inject({ method: 'GET', url: path }), 200);
    const throttled = await env.app.inject({ method: 'GET', url: path });
    expectStatus(throttled, 429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);

    const revoked = await as(env, user).delete('/api/v1/calendar-feed');
    expectStatus(revoked, 204);
    expectStatus(await env.app.inject({ method: 'GET', url: path }), 404);
    expect((await as(env, user).get('/api/v1/calendar-feed')).json()).toEqual({ active: false, createdAt: null });
    const audited = await env.database.db.selectFrom('auditEvents').select('action').where('requestId', '=', String(revoked.headers['x-request-id'])).execute();
    expect(audited.map((row) => row.action)).toEqual(['calendar.feed.revoke']);
  });

  it('drops a case from the feed as soon as the user leaves its team', async () => {
    const { base } = await newCase('none', 'Alm');
    await schedule(base, { attendeeUserIds: [colleague.id] });
    const path: string = (await as(env, colleague).post('/api/v1/calendar-feed')).json().path;
    expect(parseCalendar((await env.app.inject({ method: 'GET', url: path })).body).map((event) => event.summary)).toContain('SIP-möte: Alm');
    const members: { id: string; user: { id: string } }[] = (await as(env, coordinator).get(`${base}/team`)).json().members;
    const member = members.find((candidate) => candidate.user.id === colleague.id)!;
    expectStatus(await as(env, coordinator).delete(`${base}/team/${member.id}`), 204);
    expect(parseCalendar((await env.app.inject({ method: 'GET', url: path })).body).map((event) => event.summary)).not.toContain('SIP-möte: Alm');
  });
});

describe('audit', () => {
  it('records every read and write of meetings', async () => {
    const { caseId, base } = await newCase();
    const created = await schedule(base);
    await as(env, supportPerson).get(`${base}/meetings`);
    await as(env, coordinator).patch(`${base}/meetings/${created.id}`, { version: 1, ...meeting() });
    await as(env, coordinator).get(`${base}/meetings/${created.id}/calendar.ics`);
    await as(env, coordinator).post(`${base}/meetings/${created.id}/minutes`, { version: 2, text: minutesText, outcomes: [] });
    const rows = await env.database.db.selectFrom('auditEvents').select(['action', 'actorUserId']).where('caseId', '=', caseId)
      .where('action', 'like', 'meeting.%').orderBy('occurredAt').execute();
    expect(rows.map((row) => row.action)).toEqual(['meeting.create', 'meeting.read', 'meeting.update', 'meeting.calendar', 'meeting.minutes']);
    expect(rows[1]!.actorUserId).toBe(supportPerson.id);
  });
});

describe('the API document', () => {
  it('describes every meeting route in OpenAPI', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expectStatus(response, 200);
    const paths = response.json().paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/api/v1/cases/{caseId}/meetings'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/v1/cases/{caseId}/meetings/{meetingId}'] ?? {})).toEqual(['patch']);
    expect(Object.keys(paths['/api/v1/cases/{caseId}/meetings/{meetingId}/minutes'] ?? {})).toEqual(['post']);
    expect(Object.keys(paths['/api/v1/cases/{caseId}/meetings/{meetingId}/cancel'] ?? {})).toEqual(['post']);
    expect(Object.keys(paths['/api/v1/cases/{caseId}/meetings/{meetingId}/calendar.ics'] ?? {})).toEqual(['get']);
    expect(Object.keys(paths['/api/v1/calendar-feed'] ?? {}).sort()).toEqual(['delete', 'get', 'post']);
  });
});
