/**
 * The benchmark's baseline: the least a Node.js service can do to answer the same requests from the
 * same PostgreSQL tables: Fastify and a `pg` pool, one parameterised statement per request, JSON out.
 * No session, no access rules, no row-level security, no encryption or decryption, no audit event.
 * Runs as its own process (like the Utväg server) so that it never shares an event loop with the
 * load generator.
 *
 *   GET  /cases/:id          the case row by primary key
 *   GET  /cases/:id/plan     the case's current plan version (its content as stored)
 *   GET  /cases/:id/team     the case's current team, with names and organisations
 *   POST /cases/:id/journal  inserts a journal entry, written as BENCH_AUTHOR_ID in BENCH_ORGANISATION_ID
 *
 * With BENCH_WORKERS above 1 it runs that many processes sharing the port, each with its own pool, as
 * Utväg does with UTVAG_WORKERS, so both sides of a comparison can use the same cores.
 *
 *   DATABASE_URL=postgres://… PORT=3001 BENCH_POOL_SIZE=4 BENCH_WORKERS=1 node --import tsx apps/server/src/bench/bare-server.ts
 */
import cluster from 'node:cluster';
import Fastify from 'fastify';
import pg from 'pg';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function main(): Promise<void> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is required.');
  // The bench gives both servers the same pool size; this server loads nothing of Utväg's to learn a default.
  const poolSize = Number(process.env.BENCH_POOL_SIZE);
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error('BENCH_POOL_SIZE (a positive whole number) is required.');
  const pool = new pg.Pool({ connectionString, max: poolSize });
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
  app.get<{ Params: { id: string } }>('/cases/:id/plan', async (request, reply) => {
    if (!UUID.test(request.params.id)) return reply.code(400).send({ error: 'bad_id' });
    const result = await pool.query(
      `select id, case_id, number, status, encode(content, 'base64') as content, follow_up_on, agreed_on, agreement_form, agreed_by, created_by,
              version, created_at, updated_at
         from plan_versions where case_id = $1 and status in ('draft', 'agreed') order by number desc limit 1`,
      [request.params.id],
    );
    return { plan: result.rows[0] ?? null };
  });

  app.get<{ Params: { id: string } }>('/cases/:id/team', async (request, reply) => {
    if (!UUID.test(request.params.id)) return reply.code(400).send({ error: 'bad_id' });
    const result = await pool.query(
      `select m.id, m.user_id, u.name, u.title, m.organisation_id, o.name as organisation_name, o.type as organisation_type, m.team_role, m.added_at
         from case_team_members m join users u on u.id = m.user_id join organisations o on o.id = m.organisation_id
        where m.case_id = $1 and m.removed_at is null order by m.added_at`,
      [request.params.id],
    );
    return { members: result.rows };
  });

  const author = process.env.BENCH_AUTHOR_ID;
  const authorOrganisation = process.env.BENCH_ORGANISATION_ID;
  app.post<{ Params: { id: string }; Body: { category?: unknown; body?: unknown } }>('/cases/:id/journal', async (request, reply) => {
    const { category, body } = request.body ?? {};
    if (!UUID.test(request.params.id) || typeof category !== 'string' || typeof body !== 'string' || !author || !authorOrganisation) {
      return reply.code(400).send({ error: 'bad_request' });
    }
    const result = await pool.query(
      `insert into journal_entries (case_id, author_user_id, organisation_id, category, body) values ($1, $2, $3, $4, $5)
       returning id, case_id, category, status, version, created_at`,
      [request.params.id, author, authorOrganisation, category, Buffer.from(body, 'utf8')],
    );
    return reply.code(201).send(result.rows[0]);
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

/** Starts the workers and stops them on SIGTERM or SIGINT; exits when the last has stopped. */
function superviseWorkers(workers: number): void {
  let alive = 0;
  let failed = false;
  for (let i = 0; i < workers; i++) {
    cluster.fork().once('exit', (code) => {
      alive -= 1;
      failed ||= code !== 0;
      if (alive === 0) process.exit(failed ? 1 : 0);
    });
    alive += 1;
  }
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const workers = Number(process.env.BENCH_WORKERS || 1);
if (cluster.isPrimary && workers > 1) superviseWorkers(workers);
else main().catch((error: unknown) => {
  console.error('bare server failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
