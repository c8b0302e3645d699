import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { CompiledQuery } from 'kysely';
import { compiledOnce } from '../db/compiled-once';
import type { Tx } from '../db/database';
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

/** Every create with a key claims it first: compiled once. */
const claimKey = compiledOnce(['userId', 'key', 'requestHash'], (db, { userId, key, requestHash }) =>
  db.insertInto('idempotencyKeys').values({ userId, key, requestHash })
    .onConflict((conflict) => conflict.columns(['userId', 'key']).doNothing()).returning('key'));

const BIND_KEY = withCommit('update idempotency_keys set resource_id = $1 where user_id = $2 and key = $3');

/**
 * Runs a create at most once per (user, key), inside the create's own transaction. `create` returns
 * the new resource's id; the answer is always produced by `read`, so a retry with the same key and
 * body is answered through the access rules and the audit log, exactly like a fresh read. The same
 * key with another body is refused.
 */
export async function onceOnly<T>(trx: Tx, userId: string, key: string | null, body: unknown, create: () => Promise<string>, read: (id: string, replayed: boolean) => Promise<T>): Promise<T> {
  if (!key) return read(await create(), false);
  const requestHash = createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');
  // The claim is usually a transaction's first statement and travels with its `begin` and settings in one round trip.
  const claimed = await claimKey(trx, { userId, key, requestHash });
  if (claimed.length === 0) {
    const earlier = await trx.selectFrom('idempotencyKeys').selectAll().where('userId', '=', userId).where('key', '=', key).executeTakeFirstOrThrow();
    if (earlier.requestHash !== requestHash || !earlier.resourceId) {
      throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request.');
    }
    return read(earlier.resourceId, true);
  }
  const id = await create();
  const answer = await read(id, false);
  // The key learns its resource in the same transaction, in the write that commits it (see withCommit).
  await trx.executeQuery(CompiledQuery.raw(BIND_KEY, [id, userId, key]));
  return answer;
}
