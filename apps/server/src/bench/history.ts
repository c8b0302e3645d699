import { randomUUID } from 'node:crypto';
import { InformationCategory, LifeArea, PlanContent } from '@utvag/domain';
import type pg from 'pg';
import { UNSEALED_COUNT_SQL } from '../audit/chain';
import type { Keyring } from '../crypto/keyring';
import { BODY_CONTEXT } from '../journal/store';
import { sealPlanContent } from '../plans/store';
import { Columns } from './columns';
import { CATEGORY_SETS, type Random } from './synthetic';

/**
 * The history of a program in service, for the benchmark: each case's individual plan, its journal,
 * and a year of audit events. Plans and journal text are encrypted exactly as the application does it;
 * the audit events are inserted already sealed, with the application's own hash-chain link (see
 * `chainContent`), so `verifyAuditChain` holds over them and the server's sealer carries on from them.
 * Every text is generic and fictional: it describes no one.
 */

/** What the later phases (plans, journal, audit history) need to know about each loaded case. */
export interface LoadedCaseRecord {
  id: string;
  participantId: string;
  ownerOrganisationId: string;
  coordinatorUserId: string;
  createdAt: number;
  team: TeamRecord[];
}
export interface TeamRecord { userId: string; organisationId: string; roles: string; organisationType: 'municipality' | 'region' | 'civil_society'; owner: boolean }

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const PARTICIPANT_WORDS = [
  'Jag vill ha ett eget boende där jag känner mig trygg.', 'Jag vill kunna sova på nätterna igen.', 'Jag vill lära mig svenska bättre.',
  'Jag vill ha ett jobb och egna pengar.', 'Jag vill bli av med mina skulder.', 'Jag vill träffa mina barn oftare.',
  'Jag vill förstå vad som händer i rättegången.', 'Jag vill må bättre i kroppen.', 'Jag vill ha vänner som inte har med det gamla att göra.',
  'Jag vill gå klart en utbildning.', 'Jag vill veta vad som gäller för mitt uppehållstillstånd.', 'Jag vill kunna resa hem på ett säkert sätt.',
];
const PROFESSIONAL_WORDS = [
  'Stöd till eget förstahandskontrakt via bostadssocial verksamhet.', 'Samordnad vård med hälsocentral och kurator.', 'Kontakt med budget- och skuldrådgivning.',
  'Traumafokuserat stöd enligt remiss.', 'Stöd inför och under rättsprocessen, målsägandebiträde finns.', 'Praktikplats via arbetsmarknadsenheten.',
  'Regelbundna stödsamtal med stödperson.', 'Underlag till Migrationsverket samordnas av samordnaren.', '',
];
const ACTIONS = [
  'Boka möte med bostadssamordnare', 'Följa med till första besöket på hälsocentralen', 'Ansöka om försörjningsstöd', 'Kontakta skuldrådgivare',
  'Anmäla till SFI', 'Planera stödsamtal varannan vecka', 'Förbereda inför huvudförhandling', 'Ta fram underlag till praktik',
  'Se över skyddat boende', 'Boka tandläkare', 'Kontakta målsägandebiträde', 'Planera återresa tillsammans med IOM',
];
const JOURNAL_SENTENCES = [
  'Samtal på kontoret enligt planering.', 'Deltagaren kom i tid och var samlad.', 'Vi gick igenom veckans aktiviteter i planen.',
  'Deltagaren berättar att sömnen har blivit bättre.', 'Deltagaren uttrycker oro inför kommande möte.', 'Kontakt med boendet om praktiska frågor.',
  'Telefonsamtal, deltagaren vill flytta fram nästa möte.', 'Vi pratade om ekonomi och en enkel budget för månaden.', 'Tolk deltog via telefon.',
  'Stödpersonen följde med till besöket.', 'Deltagaren har fått en tid hos tandläkaren.', 'Ny tid bokad om två veckor.',
  'Deltagaren vill själv berätta för sin handläggare på Migrationsverket.', 'Samordnaren informerade om rätten att ta tillbaka sitt samtycke.',
  'Inga nya uppgifter om hot har kommit fram.', 'Deltagaren har börjat på SFI och trivs.', 'Vi följde upp målet om boende, arbetet fortsätter.',
  'Deltagaren var trött och samtalet blev kort.', 'Avstämning med kurator enligt samtycke.', 'Deltagaren ville inte prata om det som hänt, vilket respekterades.',
];
const ACTION_STATUSES = ['planned', 'ongoing', 'ongoing', 'done', 'cancelled'] as const;
const AGREEMENT_FORMS = ['in_meeting', 'in_meeting', 'in_writing', 'orally', 'digitally'] as const;

function planContent(random: Random, record: LoadedCaseRecord, followUpOn: number, startOn: number): PlanContent {
  const goals = Array.from({ length: random.int(1, 4) }, () => ({
    id: randomUUID(),
    lifeArea: random.pick(LifeArea.options),
    participantWords: random.pick(PARTICIPANT_WORDS),
    professionalWords: random.pick(PROFESSIONAL_WORDS),
    actions: Array.from({ length: random.int(1, 3) }, () => {
      const member = random.pick(record.team);
      const actionStart = startOn + random.int(0, 30) * DAY;
      return {
        id: randomUUID(),
        description: random.pick(ACTIONS),
        responsibleOrganisationId: member.organisationId,
        responsibleUserId: random.chance(0.7) ? member.userId : null,
        startOn: day(actionStart),
        endOn: random.chance(0.5) ? day(actionStart + random.int(30, 200) * DAY) : null,
        status: random.pick(ACTION_STATUSES),
        followUpOn: day(followUpOn - random.int(0, 14) * DAY),
      };
    }),
  }));
  return { followUpOn: day(followUpOn), goals };
}

/**
 * An individual plan for every case: an agreed version whose follow-up lies ahead, and for a fifth of
 * the cases an earlier, superseded version.
 */
export async function loadPlans(client: pg.PoolClient, keyring: Keyring, random: Random, records: readonly LoadedCaseRecord[], progress: (line: string) => void): Promise<number> {
  const started = Date.now();
  const versions = new Columns('plan_versions',
    ['case_id', 'number', 'status', 'content', 'follow_up_on', 'agreed_on', 'agreement_form', 'agreed_by', 'created_by', 'version', 'created_at', 'updated_at', 'superseded_at'],
    ['uuid', 'int4', 'text', 'bytea', 'date', 'date', 'text', 'uuid', 'uuid', 'int4', 'timestamptz', 'timestamptz', 'timestamptz']);
  const now = Date.now();
  let count = 0;
  let pending: Promise<number> = Promise.resolve(0);
  let checked = false;
  await client.query('BEGIN');
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const first = Math.min(now - 2 * DAY, record.createdAt + random.int(7, 60) * DAY);
    const numbers = random.chance(0.2) ? 2 : 1;
    let createdAt = first;
    for (let number = 1; number <= numbers; number++) {
      const current = number === numbers;
      const agreedOn = Math.min(now - DAY, createdAt + random.int(1, 20) * DAY);
      // The current plan's follow-up is ahead (the work lists' "upcoming"); an old version's has passed.
      const followUp = current ? now + random.int(3, 120) * DAY : agreedOn + random.int(30, 90) * DAY;
      const content = planContent(random, record, followUp, agreedOn);
      if (!checked) {
        PlanContent.parse(content); // the generated shape must be what the application accepts
        checked = true;
      }
      const superseded = current ? null : new Date(Math.min(now - DAY, agreedOn + random.int(30, 120) * DAY));
      versions.push(record.id, number, current ? 'agreed' : 'superseded', sealPlanContent(keyring, content), day(followUp), day(agreedOn),
        random.pick(AGREEMENT_FORMS), record.coordinatorUserId, record.coordinatorUserId, random.int(1, 4), new Date(createdAt), new Date(agreedOn), superseded);
      if (superseded) createdAt = superseded.getTime();
    }
    if (versions.length >= 4_000 || i === records.length - 1) {
      count += await pending;
      pending = versions.flush(client);
    }
  }
  count += await pending;
  await client.query('COMMIT');
  progress(`  ${count.toLocaleString('en')} plan versions (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return count;
}

/** The categories a team member writes in: the owning organisation all of them, others those their kind of organisation is usually shared. */
function writableCategory(random: Random, member: TeamRecord): string {
  if (member.owner) return random.pick(InformationCategory.options);
  return random.pick(random.pick(CATEGORY_SETS[member.organisationType]));
}

function journalText(random: Random): string {
  return Array.from({ length: random.int(2, 6) }, () => random.pick(JOURNAL_SENTENCES)).join(' ');
}

/** `total` journal entries spread at random over the cases, most of them signed, each body encrypted as the application does. */
export async function loadJournal(client: pg.PoolClient, keyring: Keyring, random: Random, records: readonly LoadedCaseRecord[], total: number, progress: (line: string) => void): Promise<number> {
  if (total <= 0 || records.length === 0) return 0;
  const started = Date.now();
  const entries = new Columns('journal_entries',
    ['id', 'case_id', 'author_user_id', 'organisation_id', 'category', 'body', 'status', 'signed_at', 'signed_by', 'version', 'created_at', 'updated_at'],
    ['uuid', 'uuid', 'uuid', 'uuid', 'text', 'bytea', 'text', 'timestamptz', 'uuid', 'int4', 'timestamptz', 'timestamptz']);
  const now = Date.now();
  let count = 0;
  let sinceCommit = 0;
  let lastReport = Date.now();
  let pending: Promise<number> = Promise.resolve(0);
  await client.query('BEGIN');
  for (let i = 0; i < total; i++) {
    const record = records[random.int(0, records.length - 1)]!;
    const author = random.chance(0.5) ? record.team[0]! : random.pick(record.team);
    const createdAt = record.createdAt + Math.floor(random.next() * Math.max(DAY, now - 3_600_000 - record.createdAt));
    const signed = random.chance(0.85);
    const signedAt = signed ? new Date(createdAt + random.int(60, 3 * 86_400) * 1000) : null;
    entries.push(randomUUID(), record.id, author.userId, author.organisationId, writableCategory(random, author), keyring.encrypt(journalText(random), BODY_CONTEXT),
      signed ? 'signed' : 'draft', signedAt, signed ? author.userId : null, signed ? random.int(1, 3) : 1, new Date(createdAt), signedAt ?? new Date(createdAt));
    if (entries.length >= 5_000 || i === total - 1) {
      const flushed = await pending;
      count += flushed;
      sinceCommit += flushed;
      if (sinceCommit >= 100_000) {
        await client.query('COMMIT');
        await client.query('BEGIN');
        sinceCommit = 0;
      }
      pending = entries.flush(client);
      if (Date.now() - lastReport > 5_000) {
        lastReport = Date.now();
        progress(`  ${count.toLocaleString('en')} / ${total.toLocaleString('en')} journal entries (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      }
    }
  }
  count += await pending;
  await client.query('COMMIT');
  progress(`  ${count.toLocaleString('en')} journal entries (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return count;
}

/** The actions of a year of case work, about as often as they happen: reads far outnumber writes. */
const AUDIT_ACTIONS: readonly (readonly [string, number])[] = [
  ['case.read', 34], ['journal.read', 20], ['plan.read', 10], ['team.read', 8], ['journal.create', 8], ['journal.sign', 6], ['consent.read', 4],
  ['case.course.read', 3], ['plan.update', 2], ['case.update', 2], ['meeting.read', 2], ['plan.agree', 1],
];
const ACTION_TABLE: string[] = AUDIT_ACTIONS.flatMap(([action, weight]) => Array.from({ length: weight }, () => action));

/**
 * PostgreSQL's text for a flat jsonb object: keys ordered by length, then bytewise, and ": " and ", "
 * between. The chain hashes `details::text`, so the loader must hash exactly that text.
 */
export function jsonbText(value: Record<string, string | number | boolean | null>): string {
  const keys = Object.keys(value).sort((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return `{${keys.map((key) => `${JSON.stringify(key)}: ${JSON.stringify(value[key])}`).join(', ')}}`;
}

function details(random: Random, action: string): string {
  switch (action) {
    case 'journal.read': return jsonbText({ count: random.int(0, 30) });
    case 'plan.read': case 'plan.update': case 'plan.agree': return jsonbText({ number: random.int(1, 3) });
    case 'journal.create': return jsonbText({ entryId: randomUUID(), category: random.pick(InformationCategory.options), signed: random.chance(0.3) });
    case 'journal.sign': return jsonbText({ entryId: randomUUID() });
    default: return '{}';
  }
}

/** A timestamp with microseconds, as PostgreSQL reads it exactly (a JavaScript Date has only milliseconds). */
function isoMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  return `${new Date(ms).toISOString().slice(0, 23)}${String(micros - ms * 1000).padStart(3, '0')}Z`;
}

const GENESIS = '0'.repeat(64);

/**
 * `total` audit events spread evenly over the last twelve months, in the monthly partitions, inserted
 * already sealed: each gets its seal in audit_seals, with the next chain sequence number and the link
 * `Keyring.chainLink(previous, content)` over the same content, in the same order, as `sealAuditChain`
 * (apps/server/src/audit/chain.ts) computes it. The chain head and its cursor are moved to the last event,
 * so the server's sealer continues the chain and `verifyAuditChain` checks the loaded events like any others.
 */
export async function loadAuditHistory(client: pg.PoolClient, keyring: Keyring, random: Random, records: readonly LoadedCaseRecord[], total: number, progress: (line: string) => void): Promise<number> {
  if (total <= 0 || records.length === 0) return 0;
  const started = Date.now();
  const nowMicros = Date.now() * 1000;
  const fromMicros = nowMicros - 365 * DAY * 1000;
  const toMicros = nowMicros - 3_600_000_000;
  // Every month the events fall in gets its partition first; an event in the default partition would
  // stop that month's partition from ever being created.
  const first = new Date(fromMicros / 1000);
  for (let month = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1)); month.getTime() <= nowMicros / 1000; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) {
    await client.query('select utvag_ensure_audit_partition($1::date)', [day(month.getTime())]);
  }

  // The bench database is fresh and nothing else writes to it while it loads.
  await client.query('BEGIN');
  const head = (await client.query<{ last_seq: string; last_hash: string }>('select last_seq::text, last_hash from audit_chain_head')).rows[0];
  const unsealed = (await client.query<{ count: string }>(UNSEALED_COUNT_SQL)).rows[0]!.count;
  // The sealer chains in transaction order; events already waiting to be sealed would have to come first.
  if (unsealed !== '0') throw new Error(`The audit log has ${unsealed} unsealed events; load the audit history into a fresh database.`);
  const lastId = BigInt((await client.query<{ id: string }>('select coalesce(max(id), 0)::text as id from audit_events')).rows[0]!.id);
  let seq = head ? BigInt(head.last_seq) : 0n;
  let previous = head?.last_hash ?? GENESIS;

  // The events are written in id order by transactions one after another, so id order is chain order.
  const events = new Columns('audit_events',
    ['id', 'occurred_at', 'request_id', 'actor_user_id', 'organisation_id', 'role', 'action', 'case_id', 'participant_id', 'purpose', 'emergency', 'details'],
    ['int8', 'timestamptz', 'text', 'uuid', 'uuid', 'text', 'text', 'uuid', 'uuid', 'text', 'bool', 'jsonb'], true);
  const seals = new Columns('audit_seals', ['seq', 'event_id', 'occurred_at', 'hash'], ['int8', 'int8', 'timestamptz', 'text']);
  const step = (toMicros - fromMicros) / total;
  let count = 0;
  let sinceCommit = 0;
  let lastReport = Date.now();
  let pending: Promise<number> = Promise.resolve(0);
  for (let i = 0; i < total; i++) {
    const id = (lastId + BigInt(i + 1)).toString();
    const micros = Math.floor(fromMicros + i * step + random.next() * step * 0.9);
    const record = records[random.int(0, records.length - 1)]!;
    const actor = random.chance(0.6) ? record.team[0]! : random.pick(record.team);
    const action = random.pick(ACTION_TABLE);
    const requestId = randomUUID();
    const detailText = details(random, action);
    // The same content, in the same order, as linkHash in audit/chain.ts; bench.test.ts verifies the chain.
    const content = JSON.stringify([id, String(micros), requestId, actor.userId, actor.organisationId, actor.roles, action, record.id, record.participantId, null, false, detailText]);
    const hash = keyring.chainLink(previous, content);
    seq += 1n;
    events.push(id, isoMicros(micros), requestId, actor.userId, actor.organisationId, actor.roles, action, record.id, record.participantId, null, false, detailText);
    seals.push(seq.toString(), id, isoMicros(micros), hash);
    previous = hash;
    if (events.length >= 10_000 || i === total - 1) {
      const flushed = await pending;
      count += flushed;
      sinceCommit += flushed;
      if (sinceCommit >= 500_000) {
        await client.query('COMMIT');
        await client.query('BEGIN');
        sinceCommit = 0;
      }
      pending = Promise.all([events.flush(client), seals.flush(client)]).then(([flushed]) => flushed);
      if (Date.now() - lastReport > 5_000) {
        lastReport = Date.now();
        const seconds = (Date.now() - started) / 1000;
        progress(`  ${count.toLocaleString('en')} / ${total.toLocaleString('en')} audit events (${seconds.toFixed(1)} s, ${Math.round(count / seconds).toLocaleString('en')}/s)`);
      }
    }
  }
  count += await pending;
  await client.query(`select setval(pg_get_serial_sequence('audit_events', 'id'), $1::bigint)`, [(lastId + BigInt(total)).toString()]);
  // The sealer carries on after the last loaded event, in chain order.
  await client.query(`insert into audit_chain_head (id, last_seq, last_hash, cursor_txid, cursor_id)
    select true, $1, $2, txid, id from audit_events order by txid desc, id desc limit 1
    on conflict (id) do update set last_seq = excluded.last_seq, last_hash = excluded.last_hash, cursor_txid = excluded.cursor_txid, cursor_id = excluded.cursor_id`,
  [seq.toString(), previous]);
  await client.query('COMMIT');
  progress(`  ${count.toLocaleString('en')} audit events, sealed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return count;
}
