import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Keyring } from '../crypto/keyring';
import type { Tx } from '../db/database';
import { AppError, BadRequestError } from './errors';

const CONTEXT = 'idempotency.response';

/** The `Idempotency-Key` header, if the client sent one. */
export function idempotencyKey(request: FastifyRequest): string | null {
  const value = request.headers['idempotency-key'];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !/^[A-Za-z0-9_.:-]{8,100}$/.test(value)) {
    throw new BadRequestError('invalid_idempotency_key', 'Idempotency-Key must be 8–100 letters, digits or - _ . :');
  }
  return value;
}

/**
 * Runs a create at most once per (user, key), inside the create's own transaction: a retry with
 * the same key and body gets the first answer back; the same key with another body is refused.
 */
export async function onceOnly<T>(trx: Tx, keyring: Keyring, userId: string, key: string | null, body: unknown, create: () => Promise<T>): Promise<T> {
  if (!key) return create();
  const requestHash = createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');
  const claimed = await trx
    .insertInto('idempotencyKeys')
    .values({ userId, key, requestHash })
    .onConflict((oc) => oc.columns(['userId', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!claimed) {
    const earlier = await trx.selectFrom('idempotencyKeys').selectAll().where('userId', '=', userId).where('key', '=', key).executeTakeFirstOrThrow();
    if (earlier.requestHash !== requestHash || !earlier.response) {
      throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request.');
    }
    return keyring.decryptJson<T>(earlier.response, CONTEXT);
  }
  const result = await create();
  await trx
    .updateTable('idempotencyKeys')
    .set({ statusCode: 201, response: keyring.encryptJson(result, CONTEXT) })
    .where('userId', '=', userId)
    .where('key', '=', key)
    .execute();
  return result;
}
