import { sql } from 'kysely';
import type { Keyring } from '../crypto/keyring';
import type { Db, Tx } from '../db/database';

/**
 * The audit log's hash chain. Requests insert events without a link (so concurrent requests never wait on
 * one another), and an event is never changed afterwards. The sealing job appends the links to
 * audit_seals: each committed event gets the next sequence number and hash = HMAC-SHA-256(chain key,
 * previous hash, the event's content), the key held by the keyring. `verifyAuditChain` recomputes the
 * chain and reports the first link that does not hold, so a changed or removed event or seal is found, and
 * an event that no seal holds although the sealer has passed it.
 *
 * Chain order is the writing transaction's id, then the event's id. The sealer takes the events of
 * transactions that had all ended when it looked (txid below the oldest transaction still running), from
 * where it stopped (the head's cursor): an event of a transaction still running waits for a later round,
 * and no event of an ended transaction can appear behind the cursor (migration 0024).
 */
const GENESIS = '0'.repeat(64);
const SEAL_LOCK = 7_160_414; // advisory lock key: one sealer at a time across all instances

/** Events the sealer has not passed yet: written after its cursor, or by transactions still running. */
const UNSEALED = `(txid, id) > (coalesce((select cursor_txid from audit_chain_head), '0'::xid8), coalesce((select cursor_id from audit_chain_head), 0))`;
export const UNSEALED_COUNT_SQL = `select count(*)::text as count from audit_events where ${UNSEALED}`;

interface ChainRow {
  id: string;
  occurredAtMicros: string;
  requestId: string | null;
  actorUserId: string | null;
  organisationId: string | null;
  role: string | null;
  action: string;
  caseId: string | null;
  participantId: string | null;
  purpose: string | null;
  emergency: boolean;
  details: string;
}

// The select list names its text casts like the columns, so ORDER BY must qualify the column: a bare
// `order by id` or `order by chain_seq` would sort the text ('10' before '9') and break the chain at ten events.
const rowColumns = sql`id::text as id, (extract(epoch from occurred_at) * 1000000)::bigint::text as occurred_at_micros,
  request_id, actor_user_id::text as actor_user_id, organisation_id::text as organisation_id, role, action,
  case_id::text as case_id, participant_id::text as participant_id, purpose, emergency, details::text as details`;

function linkHash(keyring: Keyring, previous: string, row: ChainRow): string {
  const content = JSON.stringify([
    row.id, row.occurredAtMicros, row.requestId, row.actorUserId, row.organisationId, row.role, row.action,
    row.caseId, row.participantId, row.purpose, row.emergency, row.details,
  ]);
  return keyring.chainLink(previous, content);
}

/** Seconds the oldest event the sealer has not passed has waited since it was written; null when none waits. */
export async function oldestUnsealedSeconds(db: Db): Promise<number | null> {
  const { rows } = await sql<{ seconds: number | null }>`
    select extract(epoch from now() - min(occurred_at))::float8 as seconds from audit_events where ${sql.raw(UNSEALED)}`.execute(db);
  return rows[0]?.seconds ?? null;
}

export const SEALING_STALLED_SECONDS = 300;

/**
 * Warns the operator, without naming anyone, when events have waited longer than `thresholdSeconds` to be
 * sealed: a transaction that has written and stays open anywhere on the database server holds the sealing
 * back (the events are stored meanwhile). Returns whether it warned.
 */
export async function watchSealing(db: Db, log: { warn: (fields: object, message: string) => void }, thresholdSeconds = SEALING_STALLED_SECONDS): Promise<boolean> {
  const waited = await oldestUnsealedSeconds(db);
  if (waited === null || waited <= thresholdSeconds) return false;
  log.warn({ waitedSeconds: Math.round(waited) }, 'Audit events are waiting to be sealed: a transaction that has written and is still open on the database server holds the sealing back.');
  return true;
}

/** Seals events not yet in the chain; returns how many. Safe to run from many instances at once. */
export async function sealAuditChain(db: Db, keyring: Keyring, batchSize = 5000): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const locked = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as locked`.execute(trx);
    if (!locked.rows[0]?.locked) return 0;
    const head = await trx.selectFrom('auditChainHead').selectAll().forUpdate().executeTakeFirst();
    let seq = head ? BigInt(head.lastSeq) : 0n;
    let previous = head?.lastHash ?? GENESIS;
    // One statement, one snapshot: the horizon and the events are seen at the same moment.
    const rows = await sql<ChainRow & { txid: string; occurredAt: string }>`
      select ${rowColumns}, txid::text as txid, occurred_at::text as occurred_at from audit_events
      where (txid, id) > (${head?.cursorTxid ?? '0'}::xid8, ${head?.cursorId ?? '0'}::bigint)
        and txid < pg_snapshot_xmin(pg_current_snapshot())
      order by audit_events.txid, audit_events.id limit ${batchSize}`.execute(trx);
    const last = rows.rows.at(-1);
    if (!last) return 0;
    const seqs: string[] = [], ids: string[] = [], times: string[] = [], hashes: string[] = [];
    for (const row of rows.rows) {
      seq += 1n;
      previous = linkHash(keyring, previous, row);
      seqs.push(seq.toString()); ids.push(row.id); times.push(row.occurredAt); hashes.push(previous);
    }
    await sql`insert into audit_seals (seq, event_id, occurred_at, hash)
      select * from unnest(${seqs}::bigint[], ${ids}::bigint[], ${times}::timestamptz[], ${hashes}::text[])`.execute(trx);
    const moved = { lastSeq: seq.toString(), lastHash: previous, cursorTxid: last.txid, cursorId: last.id };
    await trx
      .insertInto('auditChainHead')
      .values({ id: true, ...moved })
      .onConflict((oc) => oc.column('id').doUpdateSet(moved))
      .execute();
    return rows.rows.length;
  });
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  unsealed: number;
  /**
   * The first link that does not hold, and why: an event or seal missing, an event changed, a head that
   * does not match the chain, or an event the sealer has passed that no seal holds.
   */
  broken?: { seq: string; reason: 'missing' | 'hash_mismatch' | 'head_mismatch' | 'not_in_chain' };
}

/** Verifies in one snapshot, so a sealer running meanwhile on a live server cannot make the head look wrong. */
export async function verifyAuditChain(db: Db, keyring: Keyring, batchSize = 10_000): Promise<ChainReport> {
  return db.transaction().setIsolationLevel('repeatable read').execute((trx) => verifyInSnapshot(trx, keyring, batchSize));
}

async function verifyInSnapshot(db: Tx, keyring: Keyring, batchSize: number): Promise<ChainReport> {
  const head = await db.selectFrom('auditChainHead').selectAll().executeTakeFirst();
  const unsealed = Number((await sql<{ count: string }>`${sql.raw(UNSEALED_COUNT_SQL)}`.execute(db)).rows[0]?.count ?? 0);
  let expectedSeq = 1n;
  let previous = GENESIS;
  let checked = 0;
  for (;;) {
    // Each seal's event is looked up by its full key, so only its own monthly partition is read.
    const batch = await sql<Partial<ChainRow> & { seq: string; sealHash: string }>`
      select s.seq::text as seq, s.hash as seal_hash, e.* from audit_seals s
      left join lateral (select ${rowColumns} from audit_events where id = s.event_id and occurred_at = s.occurred_at) e on true
      where s.seq >= ${expectedSeq.toString()}::bigint order by s.seq limit ${batchSize}`.execute(db);
    if (batch.rows.length === 0) break;
    for (const row of batch.rows) {
      const seq = BigInt(row.seq);
      if (seq !== expectedSeq) return { ok: false, checked, unsealed, broken: { seq: expectedSeq.toString(), reason: 'missing' } };
      if (row.id === null || row.id === undefined) return { ok: false, checked, unsealed, broken: { seq: row.seq, reason: 'missing' } };
      const hash = linkHash(keyring, previous, row as ChainRow);
      if (hash !== row.sealHash) return { ok: false, checked, unsealed, broken: { seq: row.seq, reason: 'hash_mismatch' } };
      previous = hash;
      expectedSeq += 1n;
      checked++;
    }
  }
  const lastSeq = expectedSeq - 1n;
  if ((head?.lastSeq ?? '0') !== lastSeq.toString() || (head?.lastHash ?? GENESIS) !== previous) {
    return { ok: false, checked, unsealed, broken: { seq: (lastSeq + 1n).toString(), reason: head && BigInt(head.lastSeq) > lastSeq ? 'missing' : 'head_mismatch' } };
  }
  // Every event is either in the chain or not yet passed by the sealer; one that is neither was added behind its back.
  const total = Number((await sql<{ count: string }>`select count(*)::text as count from audit_events`.execute(db)).rows[0]?.count ?? 0);
  if (total !== checked + unsealed) return { ok: false, checked, unsealed, broken: { seq: (lastSeq + 1n).toString(), reason: 'not_in_chain' } };
  return { ok: true, checked, unsealed };
}
