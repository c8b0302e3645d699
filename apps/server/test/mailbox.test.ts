/**
 * The anonymous mailbox and the support-line inbox over HTTP against a real database: a visitor writes
 * without identity, staff reply, the visitor returns with code and passphrase, the conversation becomes
 * a case carrying only what the visitor agreed to share; wrong passphrases, floods, oversized and
 * HTML messages, children's conversations, deletion, audit, and no address stored anywhere.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formToken } from '../src/mailbox/abuse';
import { setMailboxReceiver } from '../src/mailbox/service';
import { createOrganisation } from '../src/organisations/store';
import { asVisitor } from '../src/mailbox/store';
import { mailboxTextsByLanguage } from '../src/mailbox/texts';
import { en } from '../src/mailbox/texts/en';
import { sv } from '../src/mailbox/texts/sv';
import { publishedLanguages } from '../src/public-site/texts';
import { as, makeUser, organisations, testEnv, type TestEnv, type TestUser } from './helpers';

let env: TestEnv;
let municipalityId: string;
let nationalLineId: string;
let intake: TestUser;
let colleague: TestUser;
let childIntake: TestUser;
let manager: TestUser;
let coordinator: TestUser;
let admin: TestUser;
let lineIntake: TestUser;

const expectStatus = (response: LightMyRequestResponse, status: number) => expect(response.statusCode, response.body.slice(0, 2000)).toBe(status);

let addressCounter = 10;
/** Each visitor its own documentation-range address, so per-source limits do not mix between tests. */
const newAddress = () => `203.0.113.${addressCounter++}`;

/** A form token issued long enough ago to pass the minimum fill time. */
const token = (binding = '') => formToken(env.keyring, binding, Date.now() - 10_000);

function post(url: string, form: Record<string, string | string[]>, options: { cookie?: string; address?: string } = {}) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const item of [value].flat()) body.append(key, item);
  return env.app.inject({
    method: 'POST', url, payload: body.toString(), remoteAddress: options.address ?? newAddress(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(options.cookie ? { cookie: `utvag_mailbox=${options.cookie}` } : {}) },
  });
}

const get = (url: string, cookie?: string) => env.app.inject({ method: 'GET', url, headers: cookie ? { cookie: `utvag_mailbox=${cookie}` } : {} });

function cookieOf(response: LightMyRequestResponse): string {
  const header = [response.headers['set-cookie'] ?? []].flat().find((value) => value.startsWith('utvag_mailbox='));
  expect(header, 'a mailbox cookie').toBeDefined();
  return header!.split(';')[0]!.slice('utvag_mailbox='.length);
}

const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

interface Written { cookie: string; code: string; passphrase: string; conversationId: string }

/** A visitor writes a first message and reads the code and passphrase on the page that shows them once. */
async function write(message: string, extra: Record<string, string> = {}, prefix = ''): Promise<Written> {
  const sent = await post(`${prefix}/mailbox`, { token: token(), message, language: 'sv', age: 'adult', place: '1880', website: '', ...extra });
  expectStatus(sent, 303);
  expect(sent.headers.location).toBe(`${prefix}/mailbox/welcome`);
  const cookie = cookieOf(sent);
  const welcome = await get(`${prefix}/mailbox/welcome`, cookie);
  expectStatus(welcome, 200);
  const code = /id="case-code"[^>]*>([^<]+)</.exec(welcome.body)?.[1];
  const passphrase = /id="passphrase"[^>]*>([^<]+)</.exec(welcome.body)?.[1];
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  expect(passphrase?.split(' ')).toHaveLength(5);
  const row = await env.database.db.selectFrom('mailboxSessions').select('conversationId').execute();
  const conversationId = (await env.database.db.selectFrom('mailboxSessions').select('conversationId').where('id', '=', (await import('../src/auth/tokens')).hashToken(cookie)).executeTakeFirstOrThrow()).conversationId;
  expect(row.length).toBeGreaterThan(0);
  return { cookie, code: code!, passphrase: passphrase!, conversationId };
}

async function conversation(user: TestUser, conversationId: string) {
  const response = await as(env, user).get(`/api/v1/mailbox/conversations/${conversationId}`);
  expectStatus(response, 200);
  return response.json() as { version: number; status: string; audience: string; caseId: string | null; messages: { id: string; author: string; body: string; shared: boolean }[] };
}

beforeAll(async () => {
  env = await testEnv();
  municipalityId = await organisations.municipality(env);
  nationalLineId = await organisations.civilSociety(env);
  await setMailboxReceiver(env.database.db, municipalityId);
  await setMailboxReceiver(env.database.db, nationalLineId, true);
  intake = await makeUser(env, municipalityId, ['intake']);
  colleague = await makeUser(env, municipalityId, ['intake']);
  childIntake = await makeUser(env, municipalityId, ['intake']);
  manager = await makeUser(env, municipalityId, ['manager']);
  coordinator = await makeUser(env, municipalityId, ['coordinator']);
  admin = await makeUser(env, municipalityId, ['org_admin']);
  lineIntake = await makeUser(env, nationalLineId, ['intake']);
  const granted = await as(env, admin).post('/api/v1/mailbox/child-handlers', { userId: childIntake.id });
  expectStatus(granted, 204);
});
afterAll(async () => { await env?.close(); });

describe('visitor pages', () => {
  it('set no cookie before the visitor opens a mailbox, in every language with mailbox texts', async () => {
    for (const url of ['/mailbox', '/en/mailbox', '/sv-ll/mailbox', '/mailbox/open', '/en/mailbox/open']) {
      const response = await get(url);
      if (url.startsWith('/en') && !publishedLanguages.includes('en')) { expectStatus(response, 404); continue; }
      if (url.startsWith('/sv-ll') && !publishedLanguages.includes('sv-ll')) { expectStatus(response, 404); continue; }
      expectStatus(response, 200);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['cache-control']).toBe('no-store');
    }
    const page = await get('/mailbox');
    expect(page.body).toContain(`<h1>${sv.title}</h1>`);
    expect(page.body).toContain('name="website"');
    expect(page.body).toContain('<option value="1880">Örebro</option>');
  });

  it('has mailbox texts of its own for every language the public site publishes', () => {
    for (const lang of publishedLanguages) {
      const texts = mailboxTextsByLanguage[lang];
      expect(texts, `mailbox texts for ${lang}`).toBeDefined();
      expect(texts!.language).toBe(lang);
    }
    expect(Object.keys(sv).sort()).toEqual(Object.keys(en).sort());
  });

  it('redirects a mailbox without a session to the open page', async () => {
    const response = await get('/mailbox/conversation');
    expectStatus(response, 303);
    expect(response.headers.location).toBe('/mailbox/open');
    const ended = await get('/mailbox/conversation', 'not-a-session');
    expect(ended.headers.location).toBe('/mailbox/open?done=ended');
  });
});

describe('mailbox session', () => {
  it('closes after 20 idle minutes, and an unread code and passphrase are swept away with it', async () => {
    const written = await write('Hej.');
    const unread = await post('/mailbox', { token: token(), message: 'Ingen läser koden.', language: 'sv' });
    const unreadId = await sessionId(cookieOf(unread));
    const idle = new Date(Date.now() - 21 * 60_000);
    await env.database.db.updateTable('mailboxSessions').set({ lastSeenAt: idle }).where('id', 'in', [await sessionId(written.cookie), unreadId]).execute();
    const ended = await get('/mailbox/conversation', written.cookie);
    expectStatus(ended, 303);
    expect(ended.headers.location).toBe('/mailbox/open?done=ended');
    await write('Någon annan skriver.');
    expect(await env.database.db.selectFrom('mailboxSessions').select('id').where('id', '=', unreadId).executeTakeFirst()).toBeUndefined();
  });
});

describe('round trip', () => {
  it('visitor writes, staff reply, the visitor returns and reads, and the case carries only what was shared', async () => {
    const first = 'Jag heter inte någonting här. Min arbetsgivare tar mitt pass.';
    const written = await write(first);
    const sent = await post('/mailbox', { token: token(), message: 'x', language: 'sv' });
    expect(sent.headers['set-cookie']).toBeDefined();
    const cookieHeader = [sent.headers['set-cookie']].flat().find((value) => value!.startsWith('utvag_mailbox='))!;
    expect(cookieHeader).toMatch(/HttpOnly/);
    expect(cookieHeader).toMatch(/Secure/);
    expect(cookieHeader).toMatch(/SameSite=Strict/);

    // Shown once only.
    const again = await get('/mailbox/welcome', written.cookie);
    expect(again.body).toContain(sv.alreadyShown);
    expect(again.body).not.toContain(written.passphrase);

    // The municipality's inbox has it, unassigned; the national line does not.
    const unassigned = await as(env, intake).get('/api/v1/mailbox/conversations?filter=unassigned');
    expectStatus(unassigned, 200);
    expect(unassigned.json().conversations.map((c: { id: string }) => c.id)).toContain(written.conversationId);
    expect((await as(env, lineIntake).get(`/api/v1/mailbox/conversations/${written.conversationId}`)).statusCode).toBe(404);

    // Assign to a colleague, then back to me; a stale version is refused.
    let view = await conversation(intake, written.conversationId);
    expect(view.messages.map((m) => m.body)).toEqual([first]);
    const assigned = await as(env, intake).post(`/api/v1/mailbox/conversations/${written.conversationId}/assign`, { version: view.version, userId: colleague.id });
    expectStatus(assigned, 200);
    expect(assigned.json().assignedTo.id).toBe(colleague.id);
    expectStatus(await as(env, intake).post(`/api/v1/mailbox/conversations/${written.conversationId}/assign`, { version: view.version, userId: intake.id }), 409);
    expectStatus(await as(env, intake).post(`/api/v1/mailbox/conversations/${written.conversationId}/assign`, { version: assigned.json().version, userId: coordinator.id }), 400);

    const replyText = 'Hej! Tack för att du skriver. Vi kan hjälpa dig, gratis och utan att du måste säga ditt namn.';
    const replied = await as(env, intake).post(`/api/v1/mailbox/conversations/${written.conversationId}/replies`, { body: replyText }, { 'idempotency-key': `reply-${randomUUID()}` });
    expectStatus(replied, 201);

    // The visitor closes the mailbox; the cookie is cleared.
    const closed = await post('/mailbox/close', { token: token() }, { cookie: written.cookie });
    expectStatus(closed, 303);
    expect(closed.headers.location).toBe('/mailbox/open?done=closed');
    expect([closed.headers['set-cookie']].flat().join(';')).toMatch(/utvag_mailbox=;/);
    expect((await get('/mailbox/conversation', written.cookie)).statusCode).toBe(303);

    // …and returns with the code and passphrase typed loosely.
    const opened = await post('/mailbox/open', { code: written.code.toLowerCase().replace(/-/g, ' '), passphrase: `  ${written.passphrase.toUpperCase()} ` });
    expectStatus(opened, 303);
    expect(opened.headers.location).toBe('/mailbox/conversation');
    const cookie = cookieOf(opened);
    const page = await get('/mailbox/conversation', cookie);
    expectStatus(page, 200);
    expect(decode(page.body)).toContain(replyText);
    expect(decode(page.body)).toContain(first);

    // The visitor answers; staff ask whether they may pass it on; the visitor shares the first message only.
    const second = 'Det här vill jag inte att någon annan läser.';
    const answer = await post('/mailbox/conversation', { token: token(await sessionId(cookie)), message: second }, { cookie });
    expectStatus(answer, 303);
    expect(answer.headers.location).toBe('/mailbox/conversation?done=sent');
    view = await conversation(intake, written.conversationId);
    expectStatus(await as(env, intake).post(`/api/v1/mailbox/conversations/${written.conversationId}/share-request`, { version: view.version }), 200);
    const withQuestion = await get('/mailbox/conversation', cookie);
    expect(withQuestion.body).toContain(sv.shareHeading);
    const firstId = (await conversation(intake, written.conversationId)).messages[0]!.id;
    const shared = await post('/mailbox/share', { token: token(await sessionId(cookie)), share: [firstId] }, { cookie });
    expectStatus(shared, 303);
    view = await conversation(intake, written.conversationId);
    expect(view.messages.filter((m) => m.shared).map((m) => m.body)).toEqual([first]);

    // Escalation: a case with entry channel anonymous mailbox, an alias, and only the shared message in its journal.
    const escalated = await as(env, intake).post(`/api/v1/mailbox/conversations/${written.conversationId}/escalate`,
      { version: view.version, alias: 'Poppel', program: 'exit_program', journalCategory: 'legal_process' }, { 'idempotency-key': `esc-${randomUUID()}` });
    expectStatus(escalated, 201);
    const { caseId, sharedMessages } = escalated.json();
    expect(sharedMessages).toBe(1);
    const caseView = await as(env, intake).get(`/api/v1/cases/${caseId}`);
    expectStatus(caseView, 200);
    expect(caseView.json().entryChannel).toBe('anonymous_mailbox');
    expect(caseView.json().participant.alias).toBe('Poppel');
    expect(caseView.body).not.toContain(written.conversationId);
    const journal = await as(env, intake).get(`/api/v1/cases/${caseId}/journal`);
    expectStatus(journal, 200);
    expect(journal.body).toContain('Min arbetsgivare tar mitt pass.');
    expect(journal.body).not.toContain(second);
    expect(journal.body).not.toContain(replyText);
    // Once only; the conversation shows the case to inbox staff.
    expect((await conversation(intake, written.conversationId)).caseId).toBe(caseId);
    const twice = await as(env, intake).post(`/api/v1/mailbox/conversations/${written.conversationId}/escalate`,
      { version: (await conversation(intake, written.conversationId)).version, alias: 'Poppel', program: 'exit_program', journalCategory: 'legal_process' });
    expectStatus(twice, 409);

    // Audited: reads and writes by staff, with no text in the events.
    const events = await env.database.db.selectFrom('auditEvents').select(['action', 'actorUserId', 'details', 'caseId']).execute();
    const actions = events.filter((event) => event.actorUserId === intake.id).map((event) => event.action);
    for (const action of ['mailbox.list', 'mailbox.read', 'mailbox.assign', 'mailbox.reply', 'mailbox.share_request', 'mailbox.escalate', 'case.create']) expect(actions).toContain(action);
    const dump = JSON.stringify(events);
    for (const secret of [first, second, replyText, written.passphrase, written.code]) expect(dump).not.toContain(secret);

    // Encrypted at rest: the message text is nowhere in the database in clear.
    const bodies = await sql<{ text: string }>`select string_agg(encode(body, 'escape'), '') as text from mailbox_messages`.execute(env.database.db);
    expect(bodies.rows[0]!.text).not.toContain('arbetsgivare');
  });

  it('writes in English and answers in English', async () => {
    if (!publishedLanguages.includes('en')) return;
    const written = await write('I need help, please.', { language: 'en' }, '/en');
    const page = await get('/en/mailbox/conversation', written.cookie);
    expect(page.body).toContain(en.conversationHeading);
    expect(page.body).toContain('lang="en"');
  });
});

async function sessionId(cookie: string): Promise<string> {
  return (await import('../src/auth/tokens')).hashToken(cookie);
}

describe('bad input', () => {
  it('answers a wrong passphrase and an unknown code the same way, and throttles per code', async () => {
    const written = await write('Hej.');
    const address = newAddress();
    const wrong = await post('/mailbox/open', { code: written.code, passphrase: 'apple river cloud lamp zebra' }, { address });
    const unknown = await post('/mailbox/open', { code: 'AAAA-BBBB-CCCC', passphrase: 'apple river cloud lamp zebra' }, { address });
    expectStatus(wrong, 401);
    expectStatus(unknown, 401);
    expect(wrong.body.replace(/value="[^"]*"/g, '')).toBe(unknown.body.replace(/value="[^"]*"/g, ''));
    expect(wrong.body).toContain(sv.wrongCredentials);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    // From many addresses, the same code still runs out of attempts; the right passphrase is refused too meanwhile.
    for (let i = 0; i < 4; i++) await post('/mailbox/open', { code: written.code, passphrase: 'wrong words here now please' });
    const throttled = await post('/mailbox/open', { code: written.code, passphrase: written.passphrase });
    expectStatus(throttled, 429);
    expect(throttled.body).toMatch(/Vänta \d+ minut/);
  });

  it('refuses an oversized message in the visitor\'s language and keeps the text', async () => {
    const long = `Början ${'å'.repeat(5200)} slutet`;
    const response = await post('/mailbox', { token: token(), message: long, language: 'sv', place: '' });
    expectStatus(response, 400);
    expect(response.body).toContain('Meddelandet är för långt');
    expect(decode(response.body)).toContain(long);
    expect(response.headers['set-cookie']).toBeUndefined();
    if (publishedLanguages.includes('en')) {
      const english = await post('/en/mailbox', { token: token(), message: long, language: 'en' });
      expect(english.body).toContain('The message is too long');
    }
  });

  it('stores script and HTML as given and always shows it as text', async () => {
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> & <b>fet</b>';
    const written = await write(hostile);
    expect((await conversation(intake, written.conversationId)).messages[0]!.body).toBe(hostile);
    const page = await get('/mailbox/conversation', written.cookie);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('refuses a honeypot, a form sent too fast and a flood from one source, storing nothing', async () => {
    const before = await env.database.db.selectFrom('mailboxConversations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const honeypot = await post('/mailbox', { token: token(), message: 'Köp billigt', language: 'sv', website: 'http://spam.example' });
    expectStatus(honeypot, 400);
    const fast = await post('/mailbox', { token: formToken(env.keyring), message: 'Hej snabbt', language: 'sv' });
    expectStatus(fast, 429);
    expect(fast.body).toContain(sv.formTooFast);
    expect(decode(fast.body)).toContain('Hej snabbt');
    const forged = await post('/mailbox', { token: '1.0123456789abcdef0123456789abcdef', message: 'Hej', language: 'sv' });
    expectStatus(forged, 400);
    const after = await env.database.db.selectFrom('mailboxConversations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);

    const address = newAddress();
    for (let i = 0; i < 5; i++) expectStatus(await post('/mailbox', { token: token(), message: `Meddelande ${i}`, language: 'sv' }, { address }), 303);
    const flooded = await post('/mailbox', { token: token(), message: 'Ett till', language: 'sv' }, { address });
    expectStatus(flooded, 429);
    expect(flooded.body).toMatch(/Vänta \d+ minut/);
    expect(decode(flooded.body)).toContain('Ett till');
  });

  it('refuses a place or language that is not on the list', async () => {
    expectStatus(await post('/mailbox', { token: token(), message: 'Hej', language: 'sv', place: '9999' }), 400);
    expectStatus(await post('/mailbox', { token: token(), message: 'Hej', language: 'xx' }), 400);
  });
});

describe('routing and children', () => {
  it('sends a message from a place without a receiver to the default receiver', async () => {
    const written = await write('Hej från Umeå.', { place: '2480' });
    expect((await as(env, intake).get(`/api/v1/mailbox/conversations/${written.conversationId}`)).statusCode).toBe(404);
    expect((await conversation(lineIntake, written.conversationId)).messages).toHaveLength(1);
  });

  it('shows a child\'s conversation only to staff qualified for children, also under row-level security', async () => {
    const written = await write('Jag är 15 och vet inte vad jag ska göra.', { age: 'under_18' });
    expect((await as(env, intake).get(`/api/v1/mailbox/conversations/${written.conversationId}`)).statusCode).toBe(404);
    const list = await as(env, intake).get('/api/v1/mailbox/conversations?filter=open');
    expect(list.json().conversations.map((c: { id: string }) => c.id)).not.toContain(written.conversationId);
    const view = await conversation(childIntake, written.conversationId);
    expect(view.audience).toBe('child');
    // A manager is not qualified by being a manager.
    expect((await as(env, manager).get(`/api/v1/mailbox/conversations/${written.conversationId}`)).statusCode).toBe(404);
    // Assigning a child's conversation to unqualified staff is refused.
    expectStatus(await as(env, childIntake).post(`/api/v1/mailbox/conversations/${written.conversationId}/assign`, { version: view.version, userId: intake.id }), 400);
    // Only the administrator qualifies staff.
    expectStatus(await as(env, manager).post('/api/v1/mailbox/child-handlers', { userId: intake.id }), 403);
    const handlers = await as(env, admin).get('/api/v1/mailbox/child-handlers');
    expect(handlers.json().handlers.map((h: { userId: string }) => h.userId)).toEqual([childIntake.id]);
  });

  it('lets a visitor transaction see its own conversation and nothing else', async () => {
    const a = await write('A');
    const b = await write('B');
    const seen = await asVisitor(env.database.db, a.conversationId, async (trx) => ({
      conversations: (await trx.selectFrom('mailboxConversations').select('id').execute()).map((row) => row.id),
      messages: await trx.selectFrom('mailboxMessages').select('conversationId').execute(),
    }));
    expect(seen.conversations).toEqual([a.conversationId]);
    expect(seen.messages.every((row) => row.conversationId === a.conversationId)).toBe(true);
    expect(seen.conversations).not.toContain(b.conversationId);
  });
});

describe('deletion', () => {
  it('asks first, then removes every message and ends the code and passphrase', async () => {
    const written = await write('Radera mig.');
    await as(env, intake).post(`/api/v1/mailbox/conversations/${written.conversationId}/replies`, { body: 'Svar som också ska bort.' });
    const confirm = await get('/mailbox/delete', written.cookie);
    expectStatus(confirm, 200);
    expect(confirm.body).toContain(sv.deleteHeading);
    const deleted = await post('/mailbox/delete', { token: token(await sessionId(written.cookie)) }, { cookie: written.cookie });
    expectStatus(deleted, 303);
    expect(deleted.headers.location).toBe('/mailbox?done=deleted');
    const left = await env.database.db.selectFrom('mailboxMessages').select('id').where('conversationId', '=', written.conversationId).execute();
    expect(left).toEqual([]);
    const row = await env.database.db.selectFrom('mailboxConversations').selectAll().where('id', '=', written.conversationId).executeTakeFirstOrThrow();
    expect(row.status).toBe('deleted');
    expect(row.codeIndex).toBeNull();
    expect(row.passphraseHash).toBeNull();
    expectStatus(await post('/mailbox/open', { code: written.code, passphrase: written.passphrase }), 401);
    const staffView = await conversation(intake, written.conversationId);
    expect(staffView.messages).toEqual([]);
    expectStatus(await as(env, intake).post(`/api/v1/mailbox/conversations/${written.conversationId}/replies`, { body: 'Hallå?' }), 409);
  });
});

describe('no address stored', () => {
  it('keeps the visitor\'s address out of every table', async () => {
    const address = '198.51.100.231';
    const sent = await post('/mailbox', { token: token(), message: 'Spårlöst', language: 'sv' }, { address });
    expectStatus(sent, 303);
    await post('/mailbox/open', { code: 'AAAA-BBBB-CCCC', passphrase: 'no such words at all' }, { address });
    const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public'`.execute(env.database.db);
    for (const { tablename } of tables.rows) {
      const dump = await sql<{ text: string | null }>`select string_agg(t::text, '\n') as text from ${sql.table(tablename)} t`.execute(env.database.db);
      expect(dump.rows[0]?.text ?? '', tablename).not.toContain(address);
      expect(dump.rows[0]?.text ?? '', tablename).not.toContain('198.51.100');
    }
  });
});

describe('inbox', () => {
  it('is for intake staff and managers only', async () => {
    expectStatus(await as(env, coordinator).get('/api/v1/mailbox/conversations'), 403);
    expectStatus(await as(env, manager).get('/api/v1/mailbox/conversations'), 200);
  });

  it('keeps reply templates in several languages, changed at the version read', async () => {
    const created = await as(env, intake).post('/api/v1/mailbox/templates', { title: 'Första svar', language: 'sv', body: 'Hej! Tack för att du skriver.' });
    expectStatus(created, 201);
    const english = await as(env, intake).post('/api/v1/mailbox/templates', { title: 'First answer', language: 'en', body: 'Hello! Thank you for writing.' });
    expectStatus(english, 201);
    const template = created.json();
    const changed = await as(env, intake).patch(`/api/v1/mailbox/templates/${template.id}`, { version: 1, title: 'Första svaret', language: 'sv', body: 'Hej igen.' });
    expectStatus(changed, 200);
    expectStatus(await as(env, intake).patch(`/api/v1/mailbox/templates/${template.id}`, { version: 1, title: 'x', language: 'sv', body: 'y' }), 409);
    const listed = await as(env, colleague).get('/api/v1/mailbox/templates');
    expect(listed.json().templates.map((t: { language: string }) => t.language).sort()).toEqual(['en', 'sv']);
    expect((await as(env, lineIntake).get('/api/v1/mailbox/templates')).json().templates).toEqual([]);
    expectStatus(await as(env, intake).delete(`/api/v1/mailbox/templates/${template.id}`), 204);
    expectStatus(await as(env, intake).delete(`/api/v1/mailbox/templates/${template.id}`), 404);
  });

  it('counts conversations per week and status, and cases per entry channel', async () => {
    const closedOne = await write('Stäng mig.');
    const view = await conversation(intake, closedOne.conversationId);
    expectStatus(await as(env, intake).post(`/api/v1/mailbox/conversations/${closedOne.conversationId}/close`, { version: view.version }), 200);
    const stats = await as(env, intake).get('/api/v1/mailbox/statistics');
    expectStatus(stats, 200);
    const body = stats.json() as { weeks: { week: string; status: string; count: number }[]; casesByEntryChannel: { entryChannel: string | null; count: number }[] };
    expect(body.weeks.find((row) => row.status === 'closed')?.count).toBeGreaterThanOrEqual(1);
    expect(body.weeks.find((row) => row.status === 'open')?.count).toBeGreaterThanOrEqual(1);
    expect(body.weeks[0]!.week).toMatch(/^\d{4}-W\d{2}$/);
    expect(body.casesByEntryChannel).toContainEqual({ entryChannel: 'anonymous_mailbox', count: 1 });
    // The visitor writing again opens the closed conversation.
    const reply = await post('/mailbox/conversation', { token: token(await sessionId(closedOne.cookie)), message: 'Jag igen.' }, { cookie: closedOne.cookie });
    expectStatus(reply, 303);
    expect((await conversation(intake, closedOne.conversationId)).status).toBe('open');
  });
});

describe('which organisations take messages', () => {
  it('is turned on and off by an organisation\'s administrator, and new messages are routed by it', async () => {
    const umea = await organisations.municipality(env, '2480');
    const umeaAdmin = await makeUser(env, umea, ['org_admin']);
    const umeaIntake = await makeUser(env, umea, ['intake']);
    expect((await as(env, umeaAdmin).get('/api/v1/mailbox/receiving')).json()).toEqual({ receives: false, isDefault: false, mayReceive: true });
    // Only the administrator decides; nothing changes on a refusal.
    expectStatus(await as(env, umeaIntake).put('/api/v1/mailbox/receiving', { receives: true }), 403);
    expectStatus(await as(env, umeaAdmin).put('/api/v1/mailbox/receiving', { receives: 'ja' }), 400);
    expect((await as(env, umeaAdmin).get('/api/v1/mailbox/receiving')).json().receives).toBe(false);

    const on = await as(env, umeaAdmin).put('/api/v1/mailbox/receiving', { receives: true });
    expectStatus(on, 200);
    expect(on.json()).toEqual({ receives: true, isDefault: false, mayReceive: true });
    const toUmea = await write('Hej, jag bor i Umeå.', { place: '2480' });
    expect((await conversation(umeaIntake, toUmea.conversationId)).messages).toHaveLength(1);
    expect((await as(env, lineIntake).get(`/api/v1/mailbox/conversations/${toUmea.conversationId}`)).statusCode).toBe(404);

    expectStatus(await as(env, umeaAdmin).put('/api/v1/mailbox/receiving', { receives: false }), 200);
    const toLine = await write('Hej igen från Umeå.', { place: '2480' });
    expect((await conversation(lineIntake, toLine.conversationId)).messages).toHaveLength(1);
    expect((await as(env, umeaIntake).get(`/api/v1/mailbox/conversations/${toLine.conversationId}`)).statusCode).toBe(404);
    // A conversation it already had stays with it.
    expect((await conversation(umeaIntake, toUmea.conversationId)).messages).toHaveLength(1);
    const actions = await env.database.db.selectFrom('auditEvents').select('action').where('actorUserId', '=', umeaAdmin.id).execute();
    expect(actions.filter((row) => row.action === 'mailbox.receiving.change')).toHaveLength(2);
  });

  it('leaves the default receiver to the operator and refuses organisations that cannot answer', async () => {
    const lineAdmin = await makeUser(env, nationalLineId, ['org_admin']);
    expect((await as(env, lineAdmin).get('/api/v1/mailbox/receiving')).json()).toEqual({ receives: true, isDefault: true, mayReceive: true });
    const refused = await as(env, lineAdmin).put('/api/v1/mailbox/receiving', { receives: false });
    expectStatus(refused, 409);
    expect(refused.json().error.code).toBe('default_receiver');
    const board = await createOrganisation(env.database.db, { type: 'county_board', name: 'Länsstyrelsen (test)', countyCode: '18' });
    const boardAdmin = await makeUser(env, board, ['org_admin']);
    const cannot = await as(env, boardAdmin).put('/api/v1/mailbox/receiving', { receives: true });
    expectStatus(cannot, 422);
    expect(cannot.json().error.code).toBe('organisation_cannot_receive');
    expect(await env.database.db.selectFrom('mailboxReceivers').select('organisationId').where('organisationId', '=', board).execute()).toEqual([]);
  });

  it('lets no organisation add or remove another\'s row, even in the database', async () => {
    const { sql } = await import('kysely');
    const other = await organisations.municipality(env, '0180');
    const attempt = env.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('role', 'utvag_app', true), set_config('utvag.organisation_id', ${other}, true)`.execute(trx);
      await trx.insertInto('mailboxReceivers').values({ organisationId: municipalityId, isDefault: false }).onConflict((oc) => oc.doNothing()).execute();
      await trx.deleteFrom('mailboxReceivers').where('organisationId', '=', nationalLineId).execute();
    });
    await expect(attempt).rejects.toThrow(/row-level security/);
    const rows = await env.database.db.selectFrom('mailboxReceivers').select('organisationId').where('organisationId', '=', nationalLineId).execute();
    expect(rows).toHaveLength(1);
  });

  it('takes the operator\'s default receiver from the configuration, and refuses one that cannot answer', async () => {
    const { makeDefaultReceiver } = await import('../src/server');
    const { loadConfig, ConfigError } = await import('../src/config');
    expect(() => loadConfig({ UTVAG_MASTER_KEY: randomBytes(32).toString('base64'), UTVAG_MAILBOX_DEFAULT_RECEIVER: 'Förening' })).toThrow(ConfigError);
    const board = await createOrganisation(env.database.db, { type: 'county_board', name: 'Länsstyrelsen (konfiguration)', countyCode: '18' });
    await expect(makeDefaultReceiver(env.database, board)).rejects.toThrow(ConfigError);
    const line = await organisations.civilSociety(env);
    await makeDefaultReceiver(env.database, line);
    const defaults = await env.database.db.selectFrom('mailboxReceivers').select('organisationId').where('isDefault', '=', true).execute();
    expect(defaults).toEqual([{ organisationId: line }]);
    // Put the file's default receiver back for any test that follows.
    await setMailboxReceiver(env.database.db, nationalLineId, true);
  });
});
