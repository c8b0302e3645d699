import { sql } from 'kysely';
import type { Db } from '../db/database';
import { TooManyRequestsError } from '../http/errors';

/**
 * Counts a hit against `key` in a fixed window and refuses past `limit`. Kept in the database so
 * every instance behind a load balancer counts the same hits.
 */
export async function hitRateLimit(db: Db, key: string, limit: number, windowSeconds: number): Promise<void> {
  const result = await sql<{ hits: number; windowStartedAt: Date }>`
    insert into rate_limits (key, window_started_at, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      hits = case when rate_limits.window_started_at < now() - make_interval(secs => ${windowSeconds}) then 1 else rate_limits.hits + 1 end,
      window_started_at = case when rate_limits.window_started_at < now() - make_interval(secs => ${windowSeconds}) then now() else rate_limits.window_started_at end
    returning hits, window_started_at`.execute(db);
  const row = result.rows[0]!;
  if (row.hits > limit) {
    const retryAfter = Math.max(1, Math.ceil(windowSeconds - (Date.now() - new Date(row.windowStartedAt).getTime()) / 1000));
    throw new TooManyRequestsError(retryAfter);
  }
}
