import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { CompiledQuery, type QueryCreator } from 'kysely';
import { compiledOnce } from '../db/compiled-once';
import type { Tx } from '../db/database';
import type { DB } from '../db/schema';
import { withCommit } from '../db/preparing-pool';
import { AppError, BadRequestError } from './errors';

/** The `Idempotency-Key` header, if the client sent one. */
export function idempotencyKey(request: FastifyRequest): string | null {
  const value = request.headers['idempotency-key'];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !/^[A-Za-z0-9_.:-]{8,100}$/.test(value)) {
    throw new BadRequestError('invalid_idempotency_key', 'Idempotency-Key must be 8–100 letters, digits or - _ . :');
  }
  return value;
}

/** What a create with an Idempotency-Key claims: the key, for this user, for a request with this body. */
export interface KeyClaim { userId: string; key: string; requestHash: string }

/** The claim of a create, or null when the client sent no key. */
export function keyClaim(userId: string, key: string | null, body: unknown): KeyClaim | null {
  return key ? { userId, key, requestHash: createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex') } : null;
}

/**
 * The resource an earlier request with the claimed key created, or null when the key is unused. The same
 * key with another body is refused (422).
 */
export async function earlierResource(trx: Tx, claim: KeyClaim): Promise<string | null> {
  const earlier = await trx.selectFrom('idempotencyKeys').selectAll().where('userId', '=', claim.userId).where('key', '=', claim.key).executeTakeFirst();
  if (!earlier) return null;
  if (earlier.requestHash !== claim.requestHash || !earlier.resourceId) {
    throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request.');
  }
  return earlier.resourceId;
}

/** The resource of a key a create found already claimed (after the claiming request committed). */
export async function claimedResource(trx: Tx, claim: KeyClaim): Promise<string> {
  const earlier = await earlierResource(trx, claim);
  if (!earlier) throw new Error('A claimed Idempotency-Key was not found.');
  return earlier;
}

/**
 * The insert that claims a key, answering with the key only when the claim succeeded: a second request
 * with the same key waits for the first to commit or roll back. `resourceId` binds the key at once when
 * the new resource's id is known before it is inserted.
 */
export function claimInsert(db: QueryCreator<DB>, claim: KeyClaim & { resourceId?: string }) {
  return db.insertInto('idempotencyKeys').values(claim)
    .onConflict((conflict) => conflict.columns(['userId', 'key']).doNothing()).returning('key');
}

/** Every create with a key claims it first: compiled once. */
const claimKey = compiledOnce(['userId', 'key', 'requestHash'], (db, values) => claimInsert(db, values));

const BIND_KEY = withCommit('update idempotency_keys set resource_id = $1 where user_id = $2 and key = $3');

/**
 * Runs a create at most once per (user, key), inside the create's own transaction. `create` returns
 * the new resource's id; the answer is always produced by `read`, so a retry with the same key and
 * body is answered through the access rules and the audit log, exactly like a fresh read. The same
 * key with another body is refused.
 *
 * (A create that can claim its key in the statement that inserts it, as the journal's does, uses
 * `keyClaim`, `claimInsert` and `claimedResource` directly and saves the claim's own statement and the binding.)
 */
export async function onceOnly<T>(trx: Tx, userId: string, key: string | null, body: unknown, create: () => Promise<string>, read: (id: string, replayed: boolean) => Promise<T>): Promise<T> {
  const claim = keyClaim(userId, key, body);
  if (!claim) return read(await create(), false);
  // The claim is usually a transaction's first statement and travels with its `begin` and settings in one round trip.
  const claimed = await claimKey(trx, claim);
  if (claimed.length === 0) return read(await claimedResource(trx, claim), true);
  const id = await create();
  const answer = await read(id, false);
  // The key learns its resource in the same transaction, in the write that commits it (see withCommit).
  await trx.executeQuery(CompiledQuery.raw(BIND_KEY, [id, claim.userId, claim.key]));
  return answer;
}
