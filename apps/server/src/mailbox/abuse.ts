import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hitRateLimit } from '../auth/rate-limit';
import type { Keyring } from '../crypto/keyring';
import type { Db } from '../db/database';
import { TooManyRequestsError } from '../http/errors';

/**
 * Flood resistance without a CAPTCHA: a signed form token with a minimum fill time, a honeypot
 * field, per-source limits keyed by an hourly-rotating HMAC of the address (never the address), and
 * a global cap on new conversations. Every counter lives in PostgreSQL, shared by all instances.
 */

/** A person takes longer than this to write anything; a script posting at once does not. */
export const MINIMUM_FILL_SECONDS = 3;
/** A form left open longer is sent again (the text is kept): an old token could be replayed in bulk. */
export const FORM_TOKEN_MAX_AGE_SECONDS = 12 * 3600;
export const HONEYPOT_FIELD = 'website';

export const limits = {
  newConversationsGlobal: { limit: 30, windowSeconds: 60 },
  newConversationsPerSource: { limit: 5, windowSeconds: 3600 },
  messagesPerSource: { limit: 40, windowSeconds: 600 },
  openPerSource: { limit: 20, windowSeconds: 900 },
  openPerCode: { limit: 5, windowSeconds: 900 },
} as const;

const FORM_CONTEXT = 'mailbox.form';
const SOURCE_KEY_CONTEXT = 'mailbox.source_key';

/** A token for a form shown now; `binding` ties it to a mailbox session where there is one. */
export function formToken(keyring: Keyring, binding = '', now = Date.now()): string {
  const issued = Math.floor(now / 1000).toString(36);
  return `${issued}.${keyring.blindIndex(`${issued}\u0000${binding}`, FORM_CONTEXT).slice(0, 32)}`;
}

export type FormTokenProblem = 'missing' | 'too_fast' | 'expired';

/** Checks a submitted form token; null when it is good. */
export function formTokenProblem(keyring: Keyring, token: string | undefined, binding = '', now = Date.now()): FormTokenProblem | null {
  const match = /^([0-9a-z]{1,10})\.([0-9a-f]{32})$/.exec(token ?? '');
  if (!match) return 'missing';
  const [, issued, signature] = match as unknown as [string, string, string];
  const expected = Buffer.from(keyring.blindIndex(`${issued}\u0000${binding}`, FORM_CONTEXT).slice(0, 32));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return 'missing';
  const age = now / 1000 - parseInt(issued, 36);
  if (age < MINIMUM_FILL_SECONDS) return 'too_fast';
  if (age > FORM_TOKEN_MAX_AGE_SECONDS) return 'expired';
  return null;
}

const currentHour = (now: Date) => new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);

/** This hour's key for hashing addresses; made on first use, deleted two hours later with its counters. */
async function sourceKey(db: Db, keyring: Keyring, now: Date): Promise<Buffer> {
  const hour = currentHour(now);
  const existing = await db.selectFrom('mailboxSourceKeys').select('key').where('hour', '=', hour).executeTakeFirst();
  if (existing) return Buffer.from(await keyring.decrypt(existing.key, SOURCE_KEY_CONTEXT), 'base64');
  await db.insertInto('mailboxSourceKeys').values({ hour, key: keyring.encrypt(randomBytes(32).toString('base64'), SOURCE_KEY_CONTEXT) })
    .onConflict((oc) => oc.column('hour').doNothing()).execute();
  const cutoff = new Date(hour.getTime() - 2 * 3_600_000);
  await db.deleteFrom('mailboxSourceKeys').where('hour', '<', cutoff).execute();
  await db.deleteFrom('rateLimits').where('key', 'like', 'mailbox-%').where('windowStartedAt', '<', cutoff).execute();
  const row = await db.selectFrom('mailboxSourceKeys').select('key').where('hour', '=', hour).executeTakeFirstOrThrow();
  return Buffer.from(await keyring.decrypt(row.key, SOURCE_KEY_CONTEXT), 'base64');
}

/** The visitor's source as the limits know it: an HMAC of the address under this hour's key. */
export async function sourceOf(db: Db, keyring: Keyring, address: string, now = new Date()): Promise<string> {
  const key = await sourceKey(db, keyring, now);
  return createHmac('sha256', key).update(address).digest('hex').slice(0, 32);
}

export type LimitName = keyof typeof limits;

/** Counts a hit; refuses with the seconds to wait. */
export async function hitLimit(db: Db, name: LimitName, subject: string): Promise<void> {
  const { limit, windowSeconds } = limits[name];
  await hitRateLimit(db, `mailbox-${name}:${subject}`, limit, windowSeconds);
}

export { TooManyRequestsError };
