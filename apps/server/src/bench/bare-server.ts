/**
 * The benchmark's baseline: the least a Node.js service can do to answer "read one case by id"
 * from the same PostgreSQL table: Fastify and a `pg` pool, one parameterised SELECT, JSON out.
 * No session, no access rules, no row-level security, no decryption, no audit event. Runs as its
 * own process (like the Utväg server) so that it never shares an event loop with the load generator.
 *
 *   DATABASE_URL=postgres://… PORT=3001 BENCH_POOL_SIZE=20 node --import tsx apps/server/src/bench/bare-server.ts
 */
import Fastify from 'fastify';
import pg from 'pg';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function main(): Promise<void> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is required.');
  const pool = new pg.Pool({ connectionString, max: Number(process.env.BENCH_POOL_SIZE || 20) });
  pool.on('error', () => {});
  const app = Fastify({ logger: false });

  app.get<{ Params: { id: string } }>('/cases/:id', async (request, reply) => {
    if (!UUID.test(request.params.id)) return reply.code(400).send({ error: 'bad_id' });
    const result = await pool.query(
      `select id, program, status, owner_organisation_id, participant_id, coordinator_user_id, version, created_at, updated_at
         from cases where id = $1`,
      [request.params.id],
    );
    const row = result.rows[0];
    if (!row) return reply.code(404).send({ error: 'not_found' });
    return row;
  });
  app.get('/readyz', async () => ({ status: 'ready' }));

  await app.listen({ port: Number(process.env.PORT || 3001), host: process.env.HOST || '127.0.0.1' });
  console.log(`bare server listening on ${process.env.PORT}`);
  const stop = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error('bare server failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
