/**
 * Work lists over HTTP against a real database: each kind of item appears when due and not otherwise,
 * cases the caller cannot read never appear, the manager overview counts, and notification e-mails
 * go through a real SMTP server carrying only a link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, notificationLink, NOTIFICATION_SUBJECT, sendPendingNotificationEmails } from '../src/notifications/mailer';
import { anonymousCase, as, expectStatus, makeUser, organisations, testEnv, today, type TestEnv, type TestUser } from './helpers';
import { startSmtpServer } from './smtp';

let env: TestEnv;
let municipalityId: string;
let otherMunicipalityId: string;
let coordinator: TestUser;
let colleague: TestUser;
let manager: TestUser;
let bystander: TestUser;
let stranger: TestUser;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

interface Item { kind: string; caseId: string; alias: string; date: string; overdue: boolean }

async function newCase(user: TestUser, alias: string): Promise<string> {
  const input = anonymousCase(alias);
  const created = await as(env, user).post('/api/v1/cases', { ...input, participant: { ...input.participant, firstName: 'Amira', lastName: 'Lindqvist' } });
  expectStatus(created, 201);
  return created.json().id;
}

async function items(user: TestUser): Promise<Item[]> {
  const response = await as(env, user).get('/api/v1/work-list');
  expectStatus(response, 200);
  return response.json().items;
}
const kindsFor = (list: Item[], caseId: string) => list.filter((item) => item.caseId === caseId).map((item) => item.kind).sort();

async function agreedPlan(caseId: string, followUpOn: string): Promise<void> {
  await env.database.db.insertInto('planVersions').values({
    caseId, number: 1, status: 'agreed', content: Buffer.from('x'), followUpOn, agreedOn: today(), agreementForm: 'in_meeting', agreedBy: coordinator.id, createdBy: coordinator.id,
  }).execute();
}

async function pause(caseId: string, checkInOn: string): Promise<void> {
  await env.database.db.updateTable('cases').set({ status: 'paused' }).where('id', '=', caseId).execute();
  await env.database.db.insertInto('caseStatusChanges').values({ caseId, fromStatus: 'contact', toStatus: 'paused', checkInOn, changedBy: coordinator.id }).execute();
}

async function meetingAt(caseId: string, startsAt: Date): Promise<void> {
  const response = await as(env, coordinator).post(`/api/v1/cases/${caseId}/meetings`, {
    startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), participantAttends: true, attendeeUserIds: [], agenda: 'Dagordning.',
  });
  expectStatus(response, 201);
}

const decisionInput = (amount?: number) => ({
  type: 'financial_assistance', legalBasis: 'Socialtjänstlagen (2025:400), bistånd', reasons: 'Skäl.', periodFrom: today(), ...(amount === undefined ? { extent: 'Hyra' } : { amount }),
});

beforeAll(async () => {
  env = await testEnv();
  municipalityId = await organisations.municipality(env);
  otherMunicipalityId = await organisations.municipality(env, '0180');
  coordinator = await makeUser(env, municipalityId, ['coordinator']);
  colleague = await makeUser(env, municipalityId, ['team_member']);
  manager = await makeUser(env, municipalityId, ['manager']);
  bystander = await makeUser(env, municipalityId, ['team_member']);
  stranger = await makeUser(env, otherMunicipalityId, ['coordinator']);
});
afterAll(async () => { await env?.close(); });

describe('the work list', () => {
  it('lists plan follow-ups when due or overdue, and not otherwise', async () => {
    const overdue = await newCase(coordinator, 'Sippa');
    const soon = await newCase(coordinator, 'Vitsippa');
    const later = await newCase(coordinator, 'Blåsippa');
    await agreedPlan(overdue, day(-3));
    await agreedPlan(soon, day(2));
    await agreedPlan(later, day(40));
    const list = await items(coordinator);
    expect(list.find((item) => item.caseId === overdue)).toMatchObject({ kind: 'follow_up_due', alias: 'Sippa', date: day(-3), overdue: true });
    expect(list.find((item) => item.caseId === soon)).toMatchObject({ kind: 'follow_up_due', overdue: false });
    expect(kindsFor(list, later)).toEqual([]);
  });

  it('lists plans awaiting agreement while a draft exists', async () => {
    const caseId = await newCase(coordinator, 'Lönn');
    expect(kindsFor(await items(coordinator), caseId)).toEqual([]);
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/plan/versions`), 201);
    expect(kindsFor(await items(coordinator), caseId)).toEqual(['plan_awaiting_agreement']);
  });

  it('lists meetings this week, not those of other weeks', async () => {
    const thisWeek = await newCase(coordinator, 'Ek');
    const nextMonth = await newCase(coordinator, 'Alm');
    const monday = new Date();
    monday.setUTCHours(0, 0, 0, 0);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    // Now is always inside this week; written directly, as the API schedules only future meetings.
    const now = new Date();
    await env.database.db.insertInto('meetings').values({
      caseId: thisWeek, startsAt: now, endsAt: new Date(now.getTime() + 3_600_000), agenda: Buffer.from('x'), participantAttends: false, createdBy: coordinator.id,
    }).execute();
    expect(kindsFor(await items(coordinator), thisWeek)).toEqual(['meeting_this_week']);
    await meetingAt(nextMonth, new Date(monday.getTime() + 35 * 86_400_000));
    expect(kindsFor(await items(coordinator), nextMonth)).toEqual([]);
  });

  it('lists decisions awaiting only for those who may decide them', async () => {
    const caseId = await newCase(coordinator, 'Hassel');
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${caseId}/decisions`, decisionInput(5_000)), 201);
    // The coordinator has no delegation; the manager of the organisation decides.
    expect(kindsFor(await items(coordinator), caseId)).toEqual([]);
    expect(kindsFor(await items(manager), caseId)).toEqual(['decision_awaiting']);
    // The manager is told in the app.
    const notifications = await as(env, manager).get('/api/v1/notifications');
    expect(notifications.json().notifications.some((n: { kind: string; caseId: string }) => n.kind === 'decision_awaiting' && n.caseId === caseId)).toBe(true);
  });

  it('lists paused cases whose check-in is due, and not those checked in later', async () => {
    const due = await newCase(coordinator, 'Ask');
    const later = await newCase(coordinator, 'Rönn');
    await pause(due, day(-1));
    await pause(later, day(30));
    const list = await items(coordinator);
    expect(list.find((item) => item.caseId === due)).toMatchObject({ kind: 'check_in_due', overdue: true });
    expect(kindsFor(list, later)).toEqual([]);
  });

  it('never shows cases the caller cannot read, and carries no names', async () => {
    const hidden = await newCase(stranger, 'Gran');
    await agreedPlan(hidden, day(-1));
    const mine = await newCase(coordinator, 'Tall');
    await agreedPlan(mine, day(-1));
    expect(kindsFor(await items(coordinator), hidden)).toEqual([]);
    expect(kindsFor(await items(bystander), mine)).toEqual([]);
    expect(kindsFor(await items(manager), hidden)).toEqual([]);
    // A team member sees the items of the cases they are on.
    expectStatus(await as(env, coordinator).post(`/api/v1/cases/${mine}/team`, { userId: colleague.id, teamRole: 'team_member' }), 201);
    expect(kindsFor(await items(colleague), mine)).toEqual(['follow_up_due']);
    const body = (await as(env, coordinator).get('/api/v1/work-list')).body;
    expect(body).not.toContain('Lindqvist');
    expect(body).not.toContain('Amira');
  });

  it('records one audit event with the count', async () => {
    const response = await as(env, coordinator).get('/api/v1/work-list');
    const events = await env.database.db.selectFrom('auditEvents').selectAll().where('requestId', '=', String(response.headers['x-request-id'])).execute();
    expect(events.map((event) => event.action)).toEqual(['work_list.read']);
    expect(JSON.stringify(events[0]!.details)).toContain(String(response.json().items.length));
  });
});

describe('the manager overview', () => {
  it('counts caseload, overdue items and decisions awaiting, and lists emergency access', async () => {
    const caseId = await newCase(coordinator, 'Hagtorn');
    expectStatus(await as(env, bystander).post(`/api/v1/cases/${caseId}/emergency-access`, { reason: 'Akut skyddsbehov, samordnaren nås inte.' }), 201);
    const response = await as(env, manager).get('/api/v1/manager/overview');
    expectStatus(response, 200);
    const overview = response.json();
    const openCases = await env.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('count'))
      .where('ownerOrganisationId', '=', municipalityId).where('status', '<>', 'closed').where('coordinatorUserId', '=', coordinator.id).executeTakeFirstOrThrow();
    expect(overview.caseload).toContainEqual(expect.objectContaining({ coordinatorId: coordinator.id, cases: Number(openCases.count) }));
    // Overdue: the follow-ups of Sippa and Tall, the check-in of Ask.
    expect(overview.overdueItems).toBe(3);
    expect(overview.decisionsAwaiting).toBe(1);
    expect(overview.emergencyAccess).toContainEqual(expect.objectContaining({ userId: bystander.id, caseId, alias: 'Hagtorn' }));
    expect(response.body).not.toContain('Akut');
    // Only managers; only their own organisation.
    expectStatus(await as(env, coordinator).get('/api/v1/manager/overview'), 403);
    const foreign = (await as(env, (await makeUser(env, otherMunicipalityId, ['manager']))).get('/api/v1/manager/overview')).json();
    expect(foreign.emergencyAccess).toEqual([]);
    expect(foreign.caseload.map((row: { coordinatorId: string }) => row.coordinatorId)).toEqual([stranger.id]);
  });
});

describe('notification e-mails', () => {
  it('sends, after commit, one message with a fixed subject and only the link', async () => {
    const { port, received, close } = await startSmtpServer();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, publicUrl: 'https://utvag.example.se' });
    const warnings: unknown[] = [];
    const log = { warn: (...args: unknown[]) => { warnings.push(args); } };
    try {
      // Earlier notifications of this file are sent first; then only the new one.
      await sendPendingNotificationEmails(env.database.db, mailer, log);
      received.length = 0;
      const mailManager = await makeUser(env, municipalityId, ['manager']);
      const caseId = await newCase(coordinator, 'Nyponros');
      expectStatus(await as(env, bystander).post(`/api/v1/cases/${caseId}/emergency-access`, { reason: 'Akut, samordnaren nås inte.' }), 201);
      const sent = await sendPendingNotificationEmails(env.database.db, mailer, log);
      const managers = await env.database.db.selectFrom('users').select('id').where('organisationId', '=', municipalityId)
        .where((eb) => eb(eb.val('manager'), '=', eb.fn.any('roles'))).execute();
      expect(sent).toBe(managers.length);
      const message = received.find((mail) => mail.to.includes(mailManager.email));
      expect(message).toBeDefined();
      expect(received.filter((mail) => mail.to.includes(mailManager.email))).toHaveLength(1);
      expect(message!.data).toContain(notificationLink('https://utvag.example.se'));
      expect(message!.data).toMatch(/Subject: =\?UTF-8\?Q\?Ny_h=C3=A4ndelse_i_Utv=C3=A4g\?=|Subject: Ny händelse i Utväg/);
      expect(NOTIFICATION_SUBJECT).toBe('Ny händelse i Utväg');
      for (const secret of ['Nyponros', 'Lindqvist', 'Amira', caseId, 'Akut', 'emergency']) expect(message!.data).not.toContain(secret);
      // Sent once: a second run finds nothing.
      expect(await sendPendingNotificationEmails(env.database.db, mailer, log)).toBe(0);
      expect(warnings).toEqual([]);
    } finally {
      mailer.close();
      await close();
    }
  });

  it('sends outside any transaction: marking read is not blocked by a slow mail server, and a second run takes nothing claimed', async () => {
    const noop = { sendNotice: async () => {}, close: () => {} };
    await sendPendingNotificationEmails(env.database.db, noop, { warn: () => {} });
    const caseId = await newCase(coordinator, 'Rönn');
    expectStatus(await as(env, bystander).post(`/api/v1/cases/${caseId}/emergency-access`, { reason: 'Akut, samordnaren nås inte.' }), 201);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let started!: () => void;
    const sending = new Promise<void>((resolve) => { started = resolve; });
    const slow = { sendNotice: async () => { started(); await gate; }, close: () => {} };
    const firstRun = sendPendingNotificationEmails(env.database.db, slow, { warn: () => {} });
    await sending;
    // While the first run waits on the mail server, the manager reads the notification and another run finds nothing to take.
    const [notification] = (await as(env, manager).get('/api/v1/notifications')).json().notifications.filter((item: { caseId: string }) => item.caseId === caseId);
    expectStatus(await as(env, manager).post(`/api/v1/notifications/${notification.id}/read`), 204);
    expect(await sendPendingNotificationEmails(env.database.db, noop, { warn: () => {} })).toBe(0);
    release();
    expect(await firstRun).toBeGreaterThan(0);
    const unsent = await env.database.db.selectFrom('notifications').select(['id', 'emailClaimedUntil']).where('caseId', '=', caseId).where('emailedAt', 'is', null).execute();
    expect(unsent).toEqual([]);
  });

  it('logs a failed send without personal data and tries again later', async () => {
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', publicUrl: 'https://utvag.example.se' });
    const warnings: string[] = [];
    const caseId = await newCase(coordinator, 'Slån');
    expectStatus(await as(env, bystander).post(`/api/v1/cases/${caseId}/emergency-access`, { reason: 'Akut skyddsbehov i natt.' }), 201);
    try {
      expect(await sendPendingNotificationEmails(env.database.db, mailer, { warn: (...args: unknown[]) => { warnings.push(JSON.stringify(args)); } })).toBe(0);
    } finally {
      mailer.close();
    }
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) for (const secret of ['Slån', '@test.utvag.se', caseId]) expect(warning).not.toContain(secret);
    const unsent = await env.database.db.selectFrom('notifications').select('id').where('caseId', '=', caseId).where('emailedAt', 'is', null).execute();
    expect(unsent.length).toBeGreaterThan(0);
  });
});
