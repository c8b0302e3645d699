/**
 * The journal over HTTP against a real database: drafts, signing, corrections, the lock on signed
 * entries (in the service and in the database), encryption at rest, consent deciding who reads
 * which entry, audit events for every read and write, and bad input.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousCase, as, expectStatus, makeUser, organisations, testEnv, today, type TestEnv, type TestUser } from './helpers';

let env: TestEnv;
let municipality: string;
let region: string;
let coordinator: TestUser;
let socialWorker: TestUser;
let nurse: TestUser;
let manager: TestUser;


beforeAll(async () => {
  env = await testEnv();
  municipality = await organisations.municipality(env);
  region = await organisations.region(env);
  coordinator = await makeUser(env, municipality, ['coordinator'], 'Samordnare');
  socialWorker = await makeUser(env, municipality, ['team_member'], 'Socialsekreterare');
  manager = await makeUser(env, municipality, ['manager'], 'Enhetschef');
  nurse = await makeUser(env, region, ['team_member'], 'Sjuksköterska');
});
afterAll(async () => { await env?.close(); });

interface ConsentRef { id: string; version: number }
interface World { caseId: string; base: string; healthConsent: ConsentRef; incomeConsent: ConsentRef }

/** A case with the social worker and the region's nurse on the team; the region may read health and income. */
async function newWorld(): Promise<World> {
  const created = await as(env, coordinator).post('/api/v1/cases', anonymousCase('Lärk'));
  expectStatus(created, 201);
  const caseId: string = created.json().id;
  const base = `/api/v1/cases/${caseId}`;
  const consent = (categories: string[]) => as(env, coordinator).post(`${base}/consents`, {
    recipientOrganisationId: region, categories, purposes: ['care_planning'], form: 'written', givenOn: today(),
  });
  const health = await consent(['health']);
  expectStatus(health, 201);
  const income = await consent(['income']);
  expectStatus(income, 201);
  for (const user of [socialWorker, nurse]) expectStatus(await as(env, coordinator).post(`${base}/team`, { userId: user.id, teamRole: 'team_member' }), 201);
  const ref = (response: LightMyRequestResponse): ConsentRef => ({ id: response.json().id, version: response.json().version });
  return { caseId, base, healthConsent: ref(health), incomeConsent: ref(income) };
}

async function write(user: TestUser, world: World, entry: Record<string, unknown>, headers?: Record<string, string>) {
  return as(env, user).post(`${world.base}/journal`, entry, headers);
}

async function writeOk(user: TestUser, world: World, entry: Record<string, unknown>) {
  const response = await write(user, world, entry);
  expectStatus(response, 201);
  return response.json();
}

/** The audit events a request left, by its request id. */
async function eventsOf(response: LightMyRequestResponse) {
  return env.database.db.selectFrom('auditEvents').selectAll().where('requestId', '=', String(response.headers['x-request-id'])).execute();
}

async function entryRow(entryId: string) {
  return env.database.db.selectFrom('journalEntries').selectAll().where('id', '=', entryId).executeTakeFirstOrThrow();
}

const countEntries = async (caseId: string) =>
  Number((await env.database.db.selectFrom('journalEntries').select((eb) => eb.fn.countAll<string>().as('n')).where('caseId', '=', caseId).executeTakeFirstOrThrow()).n);

const asOwner = (statement: ReturnType<typeof sql>) => env.database.db.transaction().execute((trx) => statement.execute(trx));
const asApp = (statement: ReturnType<typeof sql>) => env.database.db.transaction().execute(async (trx) => {
  await sql`set local role utvag_app`.execute(trx);
  return statement.execute(trx);
});

describe('writing, signing and correcting', () => {
  it('creates a draft, changes it, signs it and corrects it, keeping the original', async () => {
    const world = await newWorld();
    const draft = await writeOk(socialWorker, world, { category: 'protection_housing', body: 'Samtal om boende. Vill flytta till annan ort.' });
    expect(draft).toMatchObject({
      category: 'protection_housing', status: 'draft', version: 1, signedAt: null, signedBy: null, corrections: [],
      author: { id: socialWorker.id, organisationId: municipality }, organisation: { id: municipality, type: 'municipality' },
      allowed: { edit: true, sign: true, correct: false },
    });

    const edited = await as(env, socialWorker).patch(`${world.base}/journal/${draft.id}`, { version: 1, body: 'Samtal om boende. Vill flytta till annan ort snarast.' });
    expectStatus(edited, 200);
    expect(edited.json()).toMatchObject({ version: 2, body: 'Samtal om boende. Vill flytta till annan ort snarast.', status: 'draft' });

    const signed = await as(env, socialWorker).post(`${world.base}/journal/${draft.id}/sign`, { version: 2 });
    expectStatus(signed, 200);
    expect(signed.json()).toMatchObject({ status: 'signed', version: 3, signedBy: { id: socialWorker.id }, allowed: { edit: false, sign: false, correct: true } });
    expect(signed.json().signedAt).toEqual(expect.any(String));

    const corrected = await as(env, coordinator).post(`${world.base}/journal/${draft.id}/corrections`, {
      body: 'Vill flytta till annan ort inom en månad.', reason: 'Tidsangivelsen var fel återgiven.',
    });
    expectStatus(corrected, 201);
    expect(corrected.json().body).toBe('Samtal om boende. Vill flytta till annan ort snarast.');
    expect(corrected.json().corrections).toEqual([expect.objectContaining({
      body: 'Vill flytta till annan ort inom en månad.', reason: 'Tidsangivelsen var fel återgiven.', correctedBy: expect.objectContaining({ id: coordinator.id }),
    })]);

    const later = await writeOk(coordinator, world, { category: 'health', body: 'Har fått tid hos vårdcentralen.', sign: true });
    expect(later).toMatchObject({ status: 'signed', signedBy: { id: coordinator.id }, version: 1 });

    const list = await as(env, socialWorker).get(`${world.base}/journal`);
    expectStatus(list, 200);
    expect(list.json().canWrite).toBe(true);
    // Newest first, the correction under its original.
    expect(list.json().entries.map((entry: { id: string }) => entry.id)).toEqual([later.id, draft.id]);
    expect(list.json().entries[1].corrections).toHaveLength(1);
  });

  it('refuses to change a signed entry with 409 entry_signed, and leaves it as it was', async () => {
    const world = await newWorld();
    const entry = await writeOk(socialWorker, world, { category: 'health', body: 'Ursprunglig text.', sign: true });
    const before = await entryRow(entry.id);

    const response = await as(env, socialWorker).patch(`${world.base}/journal/${entry.id}`, { version: 1, body: 'Ändrad text.' });
    expectStatus(response, 409);
    expect(response.json().error.code).toBe('entry_signed');
    expect(response.json().error.message).toMatch(/signed journal entry is locked/);
    const resign = await as(env, socialWorker).post(`${world.base}/journal/${entry.id}/sign`, { version: 1 });
    expectStatus(resign, 409);
    expect(resign.json().error.code).toBe('entry_signed');

    const after = await entryRow(entry.id);
    expect(Buffer.from(after.body).equals(Buffer.from(before.body))).toBe(true);
    expect(after).toMatchObject({ version: before.version, category: before.category, status: 'signed' });
    expect((await as(env, socialWorker).get(`${world.base}/journal`)).json().entries[0].body).toBe('Ursprunglig text.');
  });

  it('holds the lock in the database itself: not even the owning role changes a signed entry or deletes anything', async () => {
    const world = await newWorld();
    const signed = await writeOk(socialWorker, world, { category: 'health', body: 'Signerad anteckning.', sign: true });
    const draft = await writeOk(socialWorker, world, { category: 'health', body: 'Utkast.' });
    const corrected = await as(env, socialWorker).post(`${world.base}/journal/${signed.id}/corrections`, { body: 'Rättad.', reason: 'Skrivfel.' });
    expectStatus(corrected, 201);
    const before = await entryRow(signed.id);

    await expect(asOwner(sql`update journal_entries set body = ${Buffer.from('x')} where id = ${signed.id}::uuid`)).rejects.toThrow(/locked/);
    await expect(asOwner(sql`update journal_entries set category = 'income' where id = ${signed.id}::uuid`)).rejects.toThrow(/locked/);
    await expect(asOwner(sql`update journal_entries set status = 'draft', signed_at = null, signed_by = null where id = ${signed.id}::uuid`)).rejects.toThrow(/locked/);
    await expect(asOwner(sql`delete from journal_entries where id = ${draft.id}::uuid`)).rejects.toThrow(/never deleted/);
    await expect(asOwner(sql`delete from journal_corrections where entry_id = ${signed.id}::uuid`)).rejects.toThrow(/never deleted/);
    await expect(asOwner(sql`update journal_corrections set reason = ${Buffer.from('x')} where entry_id = ${signed.id}::uuid`)).rejects.toThrow(/never changed/);
    await expect(asOwner(sql`truncate journal_corrections, journal_entries`)).rejects.toThrow(/never deleted/);
    // The app role has no DELETE at all, and cannot change corrections.
    await expect(asApp(sql`delete from journal_entries where id = ${draft.id}::uuid`)).rejects.toThrow(/permission denied/);
    await expect(asApp(sql`update journal_corrections set corrected_by = corrected_by`)).rejects.toThrow(/permission denied/);

    const after = await entryRow(signed.id);
    expect(Buffer.from(after.body).equals(Buffer.from(before.body))).toBe(true);
    expect(after.status).toBe('signed');
    expect(await countEntries(world.caseId)).toBe(2);
    // A draft may still change, through the same trigger.
    await asOwner(sql`update journal_entries set updated_at = now() where id = ${draft.id}::uuid`);
  });

  it('answers a stale draft edit with 409 stale_version, and lets only the author change or sign a draft', async () => {
    const world = await newWorld();
    const draft = await writeOk(socialWorker, world, { category: 'income', body: 'Första versionen.' });
    expectStatus(await as(env, socialWorker).patch(`${world.base}/journal/${draft.id}`, { version: 1, body: 'Andra versionen.' }), 200);
    const stale = await as(env, socialWorker).patch(`${world.base}/journal/${draft.id}`, { version: 1, body: 'Skriver över.' });
    expectStatus(stale, 409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', details: { currentVersion: 2 } });
    expectStatus(await as(env, socialWorker).post(`${world.base}/journal/${draft.id}/sign`, { version: 1 }), 409);

    const byOther = await as(env, coordinator).patch(`${world.base}/journal/${draft.id}`, { version: 2, body: 'Samordnarens text.' });
    expectStatus(byOther, 403);
    expect(byOther.json().error.code).toBe('not_author');
    expectStatus(await as(env, coordinator).post(`${world.base}/journal/${draft.id}/sign`, { version: 2 }), 403);
    const correctDraft = await as(env, socialWorker).post(`${world.base}/journal/${draft.id}/corrections`, { body: 'x', reason: 'y' });
    expectStatus(correctDraft, 409);
    expect(correctDraft.json().error.code).toBe('entry_not_signed');
    expect((await as(env, socialWorker).get(`${world.base}/journal`)).json().entries[0]).toMatchObject({ body: 'Andra versionen.', version: 2 });
  });

  it('lets the author or the coordinator correct a signed entry, nobody else', async () => {
    const world = await newWorld();
    const entry = await writeOk(coordinator, world, { category: 'health', body: 'Blodprov tagna.', sign: true });
    const byNurse = await as(env, nurse).post(`${world.base}/journal/${entry.id}/corrections`, { body: 'Inga prover.', reason: 'Fel.' });
    expectStatus(byNurse, 403);
    expect(byNurse.json().error.code).toBe('not_author_or_coordinator');
    expect(await env.database.db.selectFrom('journalCorrections').select('id').where('entryId', '=', entry.id).execute()).toEqual([]);
  });

  it('lets a manager outside the team read the journal but not write in it', async () => {
    const world = await newWorld();
    await writeOk(coordinator, world, { category: 'health', body: 'Mår bättre.' });
    const list = await as(env, manager).get(`${world.base}/journal`);
    expectStatus(list, 200);
    expect(list.json()).toMatchObject({ canWrite: false, entries: [{ body: 'Mår bättre.' }] });
    const denied = await write(manager, world, { category: 'health', body: 'Chefens anteckning.' });
    expectStatus(denied, 403);
    expect(denied.json().error.code).toBe('cannot_write_journal');
  });

  it('creates an entry once for one Idempotency-Key', async () => {
    const world = await newWorld();
    const headers = { 'idempotency-key': `journal-${randomUUID()}` };
    const first = await write(socialWorker, world, { category: 'health', body: 'En gång.' }, headers);
    const second = await write(socialWorker, world, { category: 'health', body: 'En gång.' }, headers);
    expectStatus(first, 201);
    expectStatus(second, 201);
    expect(second.json().id).toBe(first.json().id);
    expect(await countEntries(world.caseId)).toBe(1);
    // The answer to a new entry, built from what its creation stored, is the entry as any later read shows it.
    expect(second.json()).toEqual(first.json());
    const signed = await write(socialWorker, world, { category: 'health', body: 'Signerad direkt.', sign: true });
    expectStatus(signed, 201);
    expect(signed.json()).toMatchObject({ status: 'signed', signedBy: { id: socialWorker.id } });
    const listed = (await as(env, socialWorker).get(`${world.base}/journal`)).json();
    expect(listed.entries).toContainEqual(first.json());
    expect(listed.entries).toContainEqual(signed.json());
  });

  it('claims the key in the statement that inserts the entry: the same key with another text is refused, and a refused write leaves its key unused', async () => {
    const world = await newWorld();
    const headers = { 'idempotency-key': `journal-${randomUUID()}` };
    const first = await write(socialWorker, world, { category: 'health', body: 'Första texten.', sign: true }, headers);
    expectStatus(first, 201);
    const other = await write(socialWorker, world, { category: 'health', body: 'En annan text.' }, headers);
    expectStatus(other, 422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    expect(await countEntries(world.caseId)).toBe(1);
    const keyRow = await env.database.db.selectFrom('idempotencyKeys').select('resourceId').where('userId', '=', socialWorker.id).where('key', '=', headers['idempotency-key']).executeTakeFirstOrThrow();
    expect(keyRow.resourceId).toBe(first.json().id);

    const refusedKey = `journal-${randomUUID()}`;
    expectStatus(await write(manager, world, { category: 'health', body: 'Chefens anteckning.' }, { 'idempotency-key': refusedKey }), 403);
    expect(await env.database.db.selectFrom('idempotencyKeys').select('key').where('key', '=', refusedKey).execute()).toEqual([]);
  });

  it('writes one entry for two requests with the same key sent at the same time, and answers both with it', async () => {
    const world = await newWorld();
    const headers = { 'idempotency-key': `journal-${randomUUID()}` };
    const [one, two] = await Promise.all([
      write(socialWorker, world, { category: 'health', body: 'Samtidigt.' }, headers),
      write(socialWorker, world, { category: 'health', body: 'Samtidigt.' }, headers),
    ]);
    expectStatus(one, 201);
    expectStatus(two, 201);
    expect(two.json().id).toBe(one.json().id);
    expect(await countEntries(world.caseId)).toBe(1);
    // The first is audited as a creation, the other as a read of what the first created.
    const actions = [...await eventsOf(one), ...await eventsOf(two)].map((event) => event.action).sort();
    expect(actions).toEqual(['journal.create', 'journal.read']);
  });
});

describe('encryption at rest', () => {
  it('stores entry text, corrections and their reasons only as ciphertext', async () => {
    const world = await newWorld();
    const body = `Berättar om hotfull kontakt från Kvarngatan ${randomUUID().slice(0, 8)}`;
    const entry = await writeOk(socialWorker, world, { category: 'protection_housing', body, sign: true });
    const correction = `Rättelse Fyrvaktargränd ${randomUUID().slice(0, 8)}`;
    const reason = `Orsak Sjöboden ${randomUUID().slice(0, 8)}`;
    expectStatus(await as(env, socialWorker).post(`${world.base}/journal/${entry.id}/corrections`, { body: correction, reason }), 201);

    for (const secret of [body, 'Kvarngatan', correction, 'Fyrvaktargränd', reason, 'Sjöboden']) {
      const found = await sql<{ n: string }>`
        select ((select count(*) from journal_entries where position(convert_to(${secret}, 'UTF8') in body) > 0)
              + (select count(*) from journal_corrections where position(convert_to(${secret}, 'UTF8') in body) > 0
                   or position(convert_to(${secret}, 'UTF8') in reason) > 0))::text as n`.execute(env.database.db);
      expect(found.rows[0]!.n, secret).toBe('0');
      const dump = await sql<{ row: string }>`select row_to_json(j)::text as row from journal_entries j where case_id = ${world.caseId}::uuid`.execute(env.database.db);
      expect(dump.rows.map((row) => row.row).join('\n')).not.toContain(secret);
    }
    // The stored text really is this entry's, under its own column context.
    const row = await entryRow(entry.id);
    expect(await env.keyring.decrypt(row.body, 'journal.body')).toBe(body);
    await expect(env.keyring.decrypt(row.body, 'journal.correction')).rejects.toThrow();
  });

  it('says why the encrypted columns are sensitive', async () => {
    const comments = await sql<{ column: string; comment: string | null }>`
      select c.table_name || '.' || c.column_name as column, col_description(format('%I', c.table_name)::regclass, c.ordinal_position) as comment
      from information_schema.columns c where c.table_name in ('journal_entries', 'journal_corrections') and c.data_type = 'bytea'`.execute(env.database.db);
    expect(comments.rows.map((row) => row.column).sort()).toEqual(['journal_corrections.body', 'journal_corrections.reason', 'journal_entries.body']);
    for (const row of comments.rows) expect(row.comment, row.column).toMatch(/Encrypted/);
  });
});

describe('consent decides who reads which entry', () => {
  it('shows an external member only the categories consent shares; other entries are absent and 404 by id', async () => {
    const world = await newWorld();
    const health = await writeOk(coordinator, world, { category: 'health', body: 'Hälsosamtal.', sign: true });
    const legal = await writeOk(coordinator, world, { category: 'legal_process', body: 'Förhör hos polisen i veckan.', sign: true });
    const legalDraft = await writeOk(socialWorker, world, { category: 'legal_process', body: 'Utkast om rättegången.' });

    const list = await as(env, nurse).get(`${world.base}/journal`);
    expectStatus(list, 200);
    expect(list.json().entries.map((entry: { id: string }) => entry.id)).toEqual([health.id]);
    expect(list.body).not.toContain('polisen');
    expect(list.body).not.toContain(legal.id);
    expect(list.json().canWrite).toBe(true);

    const missing = await as(env, nurse).patch(`${world.base}/journal/${randomUUID()}`, { version: 1, body: 'x' });
    expectStatus(missing, 404);
    for (const response of [
      await as(env, nurse).patch(`${world.base}/journal/${legalDraft.id}`, { version: 1, body: 'x' }),
      await as(env, nurse).post(`${world.base}/journal/${legalDraft.id}/sign`, { version: 1 }),
      await as(env, nurse).post(`${world.base}/journal/${legal.id}/corrections`, { body: 'x', reason: 'y' }),
    ]) {
      expectStatus(response, 404);
      expect(response.body).toBe(missing.body);
    }

    // The nurse writes in a shared category, not in another.
    const own = await writeOk(nurse, world, { category: 'health', body: 'Provsvar normala.' });
    expect(own).toMatchObject({ organisation: { id: region }, allowed: { edit: true, sign: true } });
    const refused = await write(nurse, world, { category: 'legal_process', body: 'Vill inte vittna.' });
    expectStatus(refused, 403);
    expect(refused.json().error.code).toBe('category_not_shared');
    const moved = await as(env, nurse).patch(`${world.base}/journal/${own.id}`, { version: 1, category: 'legal_process' });
    expectStatus(moved, 403);
    expect((await entryRow(own.id)).category).toBe('health');
    expect(await countEntries(world.caseId)).toBe(4);
  });

  it('keeps a draft within its author\'s organisation until it is signed, then shares it under consent', async () => {
    const world = await newWorld();
    const draft = await writeOk(socialWorker, world, { category: 'health', body: 'Utkast om sömnen.' });
    const nurseDraft = await writeOk(nurse, world, { category: 'health', body: 'Regionens utkast.' });
    const ids = async (user: TestUser) => (await as(env, user).get(`${world.base}/journal`)).json().entries.map((entry: { id: string }) => entry.id);

    expect(await ids(nurse)).toEqual([nurseDraft.id]);
    expect(await ids(coordinator)).toEqual([draft.id]);
    expect(await ids(manager)).toEqual([draft.id]);
    const missing = await as(env, nurse).post(`${world.base}/journal/${randomUUID()}/sign`, { version: 1 });
    const hidden = await as(env, nurse).post(`${world.base}/journal/${draft.id}/sign`, { version: 1 });
    expectStatus(hidden, 404);
    expect(hidden.body).toBe(missing.body);
    const read = await as(env, nurse).get(`${world.base}/journal`);
    expect(read.body).not.toContain('sömnen');

    expectStatus(await as(env, socialWorker).post(`${world.base}/journal/${draft.id}/sign`, { version: 1 }), 200);
    expectStatus(await as(env, nurse).post(`${world.base}/journal/${nurseDraft.id}/sign`, { version: 1 }), 200);
    expect(await ids(nurse)).toEqual([nurseDraft.id, draft.id]);
    expect(await ids(coordinator)).toEqual([nurseDraft.id, draft.id]);
  });

  it('hides the entries with the very next request once consent is withdrawn', async () => {
    const world = await newWorld();
    const health = await writeOk(coordinator, world, { category: 'health', body: 'Sömnproblem.', sign: true });
    const income = await writeOk(coordinator, world, { category: 'income', body: 'Ansökan om bistånd.', sign: true });
    expect((await as(env, nurse).get(`${world.base}/journal`)).json().entries.map((entry: { id: string }) => entry.id)).toEqual([income.id, health.id]);

    expectStatus(await as(env, coordinator).post(`${world.base}/consents/${world.healthConsent.id}/withdraw`, { version: world.healthConsent.version }), 200);
    const after = await as(env, nurse).get(`${world.base}/journal`);
    expectStatus(after, 200);
    expect(after.json().entries.map((entry: { id: string }) => entry.id)).toEqual([income.id]);
    expect(after.body).not.toContain('Sömnproblem');
    expectStatus(await as(env, nurse).post(`${world.base}/journal/${health.id}/corrections`, { body: 'x', reason: 'y' }), 404);
    expectStatus(await write(nurse, world, { category: 'health', body: 'Ny anteckning.' }), 403);

    // With no consent left, the region sees no journal at all: the case is as missing for them.
    expectStatus(await as(env, coordinator).post(`${world.base}/consents/${world.incomeConsent.id}/withdraw`, { version: world.incomeConsent.version }), 200);
    const none = await as(env, nurse).get(`${world.base}/journal`);
    expectStatus(none, 404);
    expect(none.body).toBe((await as(env, nurse).get(`/api/v1/cases/${randomUUID()}/journal`)).body);
  });
});

describe('audit', () => {
  it('records every read with the entries read, and every write', async () => {
    const world = await newWorld();
    const { participantId } = await env.database.db.selectFrom('cases').select('participantId').where('id', '=', world.caseId).executeTakeFirstOrThrow();
    const expectEvent = async (response: LightMyRequestResponse, actor: TestUser, action: string) => {
      expect(response.statusCode, response.body).toBeLessThan(300);
      const events = await eventsOf(response);
      const event = events.find((candidate) => candidate.action === action);
      expect(event, `${action}: found ${events.map((e) => e.action).join(', ')}`).toBeDefined();
      expect(event).toMatchObject({ actorUserId: actor.id, organisationId: actor.organisationId, caseId: world.caseId, participantId, emergency: false });
      return event!;
    };

    const created = await write(socialWorker, world, { category: 'health', body: 'Text för revision.' });
    const entryId: string = created.json().id;
    expect((await expectEvent(created, socialWorker, 'journal.create')).details).toMatchObject({ entryId, category: 'health', signed: false });
    // The entry and its event were written by one transaction: they are durable together or not at all.
    const written = await sql<{ same: boolean }>`select (a.txid::text::bigint % 4294967296) = j.xmin::text::bigint as same
      from audit_events a, journal_entries j where a.action = 'journal.create' and a.details->>'entryId' = ${entryId} and j.id = ${entryId}`.execute(env.database.db);
    expect(written.rows).toEqual([{ same: true }]);
    const updated = await as(env, socialWorker).patch(`${world.base}/journal/${entryId}`, { version: 1, body: 'Ny text för revision.' });
    expect((await expectEvent(updated, socialWorker, 'journal.update')).details).toMatchObject({ entryId, fields: 'body' });
    expect((await expectEvent(await as(env, socialWorker).post(`${world.base}/journal/${entryId}/sign`, { version: 2 }), socialWorker, 'journal.sign')).details)
      .toMatchObject({ entryId });
    const correction = await as(env, coordinator).post(`${world.base}/journal/${entryId}/corrections`, { body: 'Rättad text.', reason: 'Fel ord.' });
    expect((await expectEvent(correction, coordinator, 'journal.correct')).details).toMatchObject({ entryId });
    const legal = await writeOk(coordinator, world, { category: 'legal_process', body: 'Juridik.' });

    const read = await expectEvent(await as(env, coordinator).get(`${world.base}/journal`), coordinator, 'journal.read');
    expect(read.details).toEqual({ count: 2, entryIds: [legal.id, entryId].join(',') });
    const nurseRead = await expectEvent(await as(env, nurse).get(`${world.base}/journal`), nurse, 'journal.read');
    expect(nurseRead.details).toEqual({ count: 1, entryIds: entryId });

    // The audit log holds ids, never the text.
    const dump = await sql<{ row: string }>`select row_to_json(a)::text as row from audit_events a where case_id = ${world.caseId}::uuid`.execute(env.database.db);
    for (const secret of ['revision', 'Rättad text', 'Fel ord', 'Juridik']) expect(dump.rows.map((row) => row.row).join('\n')).not.toContain(secret);
  });
});

describe('the API document', () => {
  it('describes every journal route in OpenAPI', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expectStatus(response, 200);
    const paths = response.json().paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/api/v1/cases/{caseId}/journal'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/v1/cases/{caseId}/journal/{entryId}'] ?? {})).toEqual(['patch']);
    expect(Object.keys(paths['/api/v1/cases/{caseId}/journal/{entryId}/sign'] ?? {})).toEqual(['post']);
    expect(Object.keys(paths['/api/v1/cases/{caseId}/journal/{entryId}/corrections'] ?? {})).toEqual(['post']);
  });
});

describe('bad input', () => {
  it('answers 400 and stores nothing', async () => {
    const world = await newWorld();
    const entry = await writeOk(socialWorker, world, { category: 'health', body: 'Giltig.' });
    const signed = await writeOk(socialWorker, world, { category: 'health', body: 'Signerad.', sign: true });
    const bad: [string, () => Promise<LightMyRequestResponse>][] = [
      ['empty body', () => write(socialWorker, world, { category: 'health', body: '' })],
      ['blank body', () => write(socialWorker, world, { category: 'health', body: '   \n ' })],
      ['huge body', () => write(socialWorker, world, { category: 'health', body: 'x'.repeat(20_001) })],
      ['no body', () => write(socialWorker, world, { category: 'health' })],
      ['unknown category', () => write(socialWorker, world, { category: 'horoscope', body: 'Text.' })],
      ['unknown field', () => write(socialWorker, world, { category: 'health', body: 'Text.', authorUserId: coordinator.id })],
      ['sign not a boolean', () => write(socialWorker, world, { category: 'health', body: 'Text.', sign: 'ja' })],
      ['edit without version', () => as(env, socialWorker).patch(`${world.base}/journal/${entry.id}`, { body: 'Text.' })],
      ['edit with nothing to change', () => as(env, socialWorker).patch(`${world.base}/journal/${entry.id}`, { version: 1 })],
      ['edit to an empty body', () => as(env, socialWorker).patch(`${world.base}/journal/${entry.id}`, { version: 1, body: '' })],
      ['edit with unknown field', () => as(env, socialWorker).patch(`${world.base}/journal/${entry.id}`, { version: 1, body: 'Text.', status: 'signed' })],
      ['correction without reason', () => as(env, socialWorker).post(`${world.base}/journal/${signed.id}/corrections`, { body: 'Rättelse.' })],
      ['correction with blank reason', () => as(env, socialWorker).post(`${world.base}/journal/${signed.id}/corrections`, { body: 'Rättelse.', reason: ' ' })],
      ['entry id not a uuid', () => as(env, socialWorker).patch(`${world.base}/journal/not-a-uuid`, { version: 1, body: 'Text.' })],
    ];
    for (const [what, send] of bad) {
      const response = await send();
      expect(response.statusCode, `${what}: ${response.body}`).toBe(400);
      expect(response.json().error.code, what).toBe('validation_failed');
    }
    expect(await countEntries(world.caseId)).toBe(2);
    expect(await entryRow(entry.id)).toMatchObject({ version: 1, status: 'draft' });
    expect(await env.database.db.selectFrom('journalCorrections').select('id').where('caseId', '=', world.caseId).execute()).toEqual([]);
  });

  it('answers 404 for a case the user cannot see, and stores nothing', async () => {
    const world = await newWorld();
    const outsider = await makeUser(env, await organisations.civilSociety(env), ['team_member']);
    expectStatus(await as(env, outsider).get(`${world.base}/journal`), 404);
    expectStatus(await write(outsider, world, { category: 'health', body: 'Text.' }), 404);
    expectStatus(await as(env, coordinator).get(`/api/v1/cases/${randomUUID()}/journal`), 404);
    expect(await countEntries(world.caseId)).toBe(0);
  });
});
