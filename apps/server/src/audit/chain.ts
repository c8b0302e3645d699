import { sql } from 'kysely';
import type { Keyring } from '../crypto/keyring';
import type { Db, Tx } from '../db/database';

/**
 * The audit log's hash chain. Requests insert events without a hash (so concurrent requests never
 * wait on one another); the sealing job then gives each committed event the next sequence number and
 * hash = HMAC-SHA-256(chain key, previous hash, the event's content), the key held by the keyring. `verifyAuditChain` recomputes the chain and
 * reports the first link that does not hold, so a changed, removed or inserted sealed row is found.
 */
const GENESIS = '0'.repeat(64);
const SEAL_LOCK = 7_160_414; // advisory lock key: one sealer at a time across all instances

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

/** Seals events not yet in the chain; returns how many. Safe to run from many instances at once. */
export async function sealAuditChain(db: Db, keyring: Keyring, batchSize = 5000): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const locked = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as locked`.execute(trx);
    if (!locked.rows[0]?.locked) return 0;
    const head = await trx.selectFrom('auditChainHead').selectAll().forUpdate().executeTakeFirst();
    let seq = head ? BigInt(head.lastSeq) : 0n;
    let previous = head?.lastHash ?? GENESIS;
    const rows = await sql<ChainRow>`select ${rowColumns} from audit_events where chain_seq is null order by audit_events.id limit ${batchSize}`.execute(trx);
    if (rows.rows.length === 0) return 0;
    const ids: string[] = [], seqs: string[] = [], prevs: string[] = [], hashes: string[] = [];
    for (const row of rows.rows) {
      seq += 1n;
      const hash = linkHash(keyring, previous, row);
      ids.push(row.id); seqs.push(seq.toString()); prevs.push(previous); hashes.push(hash);
      previous = hash;
    }
    await sql`update audit_events a set chain_seq = v.seq, prev_hash = v.prev, hash = v.hash
      from unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[]) as v(id, seq, prev, hash)
      where a.id = v.id`.execute(trx);
    await trx
      .insertInto('auditChainHead')
      .values({ id: true, lastSeq: seq.toString(), lastHash: previous })
      .onConflict((oc) => oc.column('id').doUpdateSet({ lastSeq: seq.toString(), lastHash: previous }))
      .execute();
    return rows.rows.length;
  });
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  unsealed: number;
  /** The first link that does not hold, and why. */
  broken?: { seq: string; reason: 'missing' | 'hash_mismatch' | 'previous_mismatch' | 'head_mismatch' };
}

/** Verifies in one snapshot, so a sealer running meanwhile on a live server cannot make the head look wrong. */
export async function verifyAuditChain(db: Db, keyring: Keyring, batchSize = 10_000): Promise<ChainReport> {
  return db.transaction().setIsolationLevel('repeatable read').execute((trx) => verifyInSnapshot(trx, keyring, batchSize));
}

async function verifyInSnapshot(db: Tx, keyring: Keyring, batchSize: number): Promise<ChainReport> {
  const head = await db.selectFrom('auditChainHead').selectAll().executeTakeFirst();
  const unsealedRow = await sql<{ count: string }>`select count(*)::text as count from audit_events where chain_seq is null`.execute(db);
  const unsealed = Number(unsealedRow.rows[0]?.count ?? 0);
  let expectedSeq = 1n;
  let previous = GENESIS;
  let checked = 0;
  for (;;) {
    const batch = await sql<ChainRow & { chainSeq: string; prevHash: string; hash: string }>`
      select ${rowColumns}, chain_seq::text as chain_seq, prev_hash, hash from audit_events
      where chain_seq >= ${expectedSeq.toString()}::bigint order by audit_events.chain_seq limit ${batchSize}`.execute(db);
    if (batch.rows.length === 0) break;
    for (const row of batch.rows) {
      const seq = BigInt(row.chainSeq);
      if (seq !== expectedSeq) return { ok: false, checked, unsealed, broken: { seq: expectedSeq.toString(), reason: 'missing' } };
      if (row.prevHash !== previous) return { ok: false, checked, unsealed, broken: { seq: row.chainSeq, reason: 'previous_mismatch' } };
      const hash = linkHash(keyring, previous, row);
      if (hash !== row.hash) return { ok: false, checked, unsealed, broken: { seq: row.chainSeq, reason: 'hash_mismatch' } };
      previous = hash;
      expectedSeq += 1n;
      checked++;
    }
  }
  const lastSeq = expectedSeq - 1n;
  if ((head?.lastSeq ?? '0') !== lastSeq.toString() || (head?.lastHash ?? GENESIS) !== previous) {
    return { ok: false, checked, unsealed, broken: { seq: (lastSeq + 1n).toString(), reason: head && BigInt(head.lastSeq) > lastSeq ? 'missing' : 'head_mismatch' } };
  }
  return { ok: true, checked, unsealed };
}
