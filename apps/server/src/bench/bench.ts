import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { SESSION_COOKIE } from '../auth/principal';
import { currentTotp } from '../auth/totp';
import { Keyring } from '../crypto/keyring';
import { openPostgres } from '../db/database';
import { migrate } from '../db/migrate';
import { combineRuns, runLoad, type LoadRun, type LoadSpec } from './load-test';
import { loadSyntheticData, type BenchCoordinator, type LoadResult } from './loader';
import { postgresCpuMs, processCpuMs, startChildServer, type ChildServer } from './processes';

/**
 * `npm run bench` / `npx utvag bench`: loads a fresh PostgreSQL database with synthetic cases, then
 * measures GET /api/v1/cases/:id on the real Utväg server against a bare Fastify + pg server that
 * reads the same row, at the same concurrency. See docs/performance.md.
 */

export interface BenchOptions {
  cases?: number;
  seconds?: number;
  connections?: number;
  /** The admin URL in which the bench database is created; else BENCH_DATABASE_URL, DATABASE_URL, the local default. */
  adminUrl?: string;
  /** Warm-up before each measured run; default a fifth of `seconds`, 1–5 s. */
  warmupSeconds?: number;
  /** Connection pool size of both servers; default BENCH_POOL_SIZE or 20 (the server's own default). */
  poolSize?: number;
  /** Each scenario's `seconds` is measured in this many alternating slices (bare, Utväg, Utväg, bare, …); default BENCH_ROUNDS or 3. */
  rounds?: number;
  seed?: number;
  log?: (line: string) => void;
  /** Set process.exitCode to 1 when a correctness check fails (the command line); default true. */
  setExitCode?: boolean;
}

export interface ScenarioResult extends Omit<LoadRun, 'latencies'> {
  name: string;
  /** Requests/s in each measured slice, in order. */
  rounds: number[];
  warmup: { ok: number; non2xx: number; errors: number };
  /**
   * CPU time per 2xx response, in ms, of the server process and of the PostgreSQL backends of the
   * bench database, measured from /proc during the slices (null where /proc cannot be read). Unlike
   * requests/s, this hardly changes with other load on the machine.
   */
  cpu: { serverMs: number | null; postgresMs: number | null };
}

export interface BenchResult {
  database: string;
  options: { cases: number; seconds: number; connections: number; warmupSeconds: number; poolSize: number; rounds: number };
  load: Omit<LoadResult, 'coordinator' | 'coordinatorCaseIds'> & { coordinatorCases: number };
  bare: ScenarioResult;
  utvag: ScenarioResult;
  /** Utväg requests/s divided by bare requests/s. */
  ratio: number;
  targetMet: boolean;
  audit: { caseReadEvents: number; successfulReads: number; ok: boolean };
  /** Every correctness check held: no non-2xx, no errors, an audit event for every successful read. */
  correct: boolean;
}

export const TARGET_RATIO = 0.5;
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

export class BenchUnavailableError extends Error {}

const redact = (url: string) => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
};

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number.`);
  return value;
}

async function connectAdmin(adminUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw new BenchUnavailableError(
      `No PostgreSQL is reachable at ${redact(adminUrl)} (${error instanceof Error ? error.message : String(error)}).\n` +
      'The benchmark needs PostgreSQL: set BENCH_DATABASE_URL (or DATABASE_URL) to a server where it may create and drop a database.',
    );
  }
}

function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`No session cookie in the answer to ${response.url}.`);
  return cookie.split(';')[0]!;
}

/** Logs in as the bench coordinator through the real endpoints: password, then the TOTP second factor. */
async function login(baseUrl: string, coordinator: BenchCoordinator): Promise<string> {
  const first = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: coordinator.email, password: coordinator.password }),
  });
  if (first.status !== 200) throw new Error(`Login failed: ${first.status} ${await first.text()}`);
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const second = await fetch(`${baseUrl}/api/v1/auth/second-factor`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: sessionCookie(first), 'x-csrf-token': csrfToken },
    body: JSON.stringify({ code: currentTotp(coordinator.totpSecret) }),
  });
  if (second.status !== 200) throw new Error(`Second factor failed: ${second.status} ${await second.text()}`);
  return sessionCookie(second);
}

const randomFrom = (ids: readonly string[]) => () => ids[Math.floor(Math.random() * ids.length)]!;

interface Target { name: string; server: ChildServer; spec: Omit<LoadSpec, 'seconds'>; cpu: { server: number | null; postgres: number | null } }

function target(name: string, server: ChildServer, pathOf: (id: string) => string, ids: readonly string[], headers: Record<string, string>, connections: number): Target {
  const pick = randomFrom(ids);
  return { name, server, spec: { url: server.url, connections, headers, nextPath: () => pathOf(pick()) }, cpu: { server: 0, postgres: 0 } };
}

function summarise(t: Target, slices: LoadRun[], warmup: LoadRun): ScenarioResult {
  const { latencies: _latencies, ...combined } = combineRuns(slices);
  const perRequest = (ms: number | null) => (ms === null || combined.ok === 0 ? null : ms / combined.ok);
  return {
    name: t.name, ...combined, rounds: slices.map((slice) => slice.requestsPerSecond),
    warmup: { ok: warmup.ok, non2xx: warmup.non2xx, errors: warmup.errors },
    cpu: { serverMs: perRequest(t.cpu.server), postgresMs: perRequest(t.cpu.postgres) },
  };
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** (bare CPU per request) / (Utväg CPU per request): what the throughput ratio would be if CPU alone decided it. */
export function cpuRatio(result: BenchResult): number {
  const total = (row: ScenarioResult) => (row.cpu.serverMs ?? Number.NaN) + (row.cpu.postgresMs ?? Number.NaN);
  return total(result.bare) / total(result.utvag);
}

export function formatReport(result: BenchResult): string {
  const rows = [result.bare, result.utvag];
  const header = ['scenario', 'requests/s', 'p50 ms', 'p99 ms', '2xx', 'non-2xx', 'errors'];
  const body = rows.map((row) => [row.name, fmt(row.requestsPerSecond), fmt(row.p50, 2), fmt(row.p99, 2), String(row.ok), String(row.non2xx), String(row.errors + row.timeouts)]);
  const widths = header.map((title, index) => Math.max(title.length, ...body.map((row) => row[index]!.length)));
  const line = (cells: string[]) => cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!))).join('  ');
  return [
    line(header),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...body.map(line),
    '',
    ...rows.map((row) => `${row.name} per slice, req/s: ${row.rounds.map((value) => fmt(value)).join(', ')}`),
    ...rows.map((row) => `${row.name} CPU per request: server ${fmt(row.cpu.serverMs ?? Number.NaN, 3)} ms + PostgreSQL ${fmt(row.cpu.postgresMs ?? Number.NaN, 3)} ms`),
    `CPU cost ratio bare / Utväg (server + PostgreSQL per request; an estimate, not the target): ${fmt(cpuRatio(result), 3)}`,
    `Throughput ratio Utväg / bare: ${fmt(result.ratio, 3)}  (target >= ${TARGET_RATIO}: ${result.targetMet ? 'MET' : 'NOT MET'})`,
    `Audit: ${result.audit.caseReadEvents} case.read events for ${result.audit.successfulReads} successful reads: ${result.audit.ok ? 'OK (every read audited)' : 'MISSING EVENTS'}`,
    `Correctness: ${result.correct ? 'all checks held' : 'FAILED (see above)'}`,
  ].join('\n');
}

/** Runs the whole benchmark in a fresh database, which it drops at the end, also on failure. */
export async function runBench(options: BenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const cases = Math.floor(positive(options.cases, 100_000, 'cases'));
  const seconds = positive(options.seconds, 15, 'seconds');
  const connections = Math.floor(positive(options.connections, 50, 'connections'));
  const warmupSeconds = positive(options.warmupSeconds, Math.min(5, Math.max(1, Math.round(seconds / 5))), 'warmup');
  const fromEnv = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  const poolSize = Math.floor(positive(options.poolSize ?? fromEnv('BENCH_POOL_SIZE'), 20, 'pool'));
  const rounds = Math.floor(positive(options.rounds ?? fromEnv('BENCH_ROUNDS'), 3, 'rounds'));
  const adminUrl = options.adminUrl ?? (process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_ADMIN_URL);

  const admin = await connectAdmin(adminUrl);
  const version = (await admin.query<{ version: string }>('select version()')).rows[0]!.version;
  const name = `utvag_bench_${randomBytes(6).toString('hex')}`;
  const benchUrl = new URL(adminUrl);
  benchUrl.pathname = `/${name}`;
  const servers: ChildServer[] = [];
  let dropped = false;
  const cleanup = async () => {
    await Promise.allSettled(servers.map((server) => server.stop()));
    if (dropped) return;
    dropped = true;
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((error: Error) => log(`Could not drop ${name}: ${error.message}`));
    await admin.end().catch(() => {});
    log(`Dropped database ${name}.`);
  };
  const onSignal = () => {
    log('Interrupted: stopping the servers and dropping the bench database …');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    await admin.query(`CREATE DATABASE ${name}`);
    log(`Utväg benchmark`);
    log(`  machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node.js ${process.version}`);
    log(`  database: ${version.split(' on ')[0]} at ${redact(benchUrl.toString())} (fresh)`);
    log(`  ${cases.toLocaleString('en')} cases, ${connections} connections, ${seconds} s per scenario after a ${warmupSeconds} s warm-up, in ${rounds} alternating slices; pool ${poolSize} per server`);

    // 1. Migrate and load, with a master key made for this run only.
    const masterKey = randomBytes(32);
    const database = await openPostgres(benchUrl.toString(), 4);
    const loaderPool = new pg.Pool({ connectionString: benchUrl.toString(), max: 2 });
    let loaded: LoadResult;
    try {
      await migrate(database);
      const keyring = new Keyring(database.db, masterKey, [], true);
      await keyring.load();
      log('Loading synthetic data …');
      loaded = await loadSyntheticData(database.db, loaderPool, keyring, {
        cases, coordinatorCases: Math.min(2_000, Math.max(1, Math.floor(cases / 10))), seed: options.seed, progress: log,
      });
      await loaderPool.query('CHECKPOINT').catch(() => {}); // so no checkpoint of the load lands in a measurement (needs the right)
    } finally {
      await loaderPool.end();
      await database.close();
    }
    const { counts } = loaded;
    log(`Loaded in ${(loaded.milliseconds / 1000).toFixed(1)} s: ${counts.cases} cases (${counts.identified} identified), ${counts.teamMembers} team members, ` +
      `${counts.consents} consents, ${counts.users} staff in ${counts.organisations} organisations; the bench coordinator holds ${loaded.coordinatorCaseIds.length} cases.`);
    const ids = loaded.coordinatorCaseIds;

    // 2. Both servers, each in its own process.
    const bareServer = await startChildServer('bare server', new URL('./bare-server.ts', import.meta.url), {
      DATABASE_URL: benchUrl.toString(), BENCH_POOL_SIZE: String(poolSize), NODE_ENV: 'production',
    }, '/readyz');
    servers.push(bareServer);
    const probe = await fetch(`${bareServer.url}/cases/${ids[0]}`);
    if (probe.status !== 200) throw new Error(`The bare server answered ${probe.status} for a known case.`);
    const utvagServer = await startChildServer('Utväg server', new URL('../main.ts', import.meta.url), {
      DATABASE_URL: benchUrl.toString(), UTVAG_DEMO: 'false', UTVAG_MASTER_KEY: masterKey.toString('base64'),
      UTVAG_DB_POOL_SIZE: String(poolSize), LOG_LEVEL: 'warn', NODE_ENV: 'production',
    }, '/readyz');
    servers.push(utvagServer);
    // A real login: password, then the second factor; the session cookie authenticates every request.
    const cookie = await login(utvagServer.url, loaded.coordinator);
    const check = await fetch(`${utvagServer.url}/api/v1/cases/${ids[0]}`, { headers: { cookie } });
    const view = (await check.json()) as { id?: string; access?: { via?: string } };
    if (check.status !== 200 || view.id !== ids[0] || view.access?.via !== 'coordinator') {
      throw new Error(`Utväg answered ${check.status} for the coordinator's own case: ${JSON.stringify(view).slice(0, 300)}\n${utvagServer.output()}`);
    }

    // 3. Warm-up, then the measured time in alternating slices (ABBA…), so that a change in the
    // machine's background load hits both alike. Before each slice the audit sealer has caught up,
    // so Utväg's background work never runs during a slice of the baseline.
    const bareTarget = target('bare Fastify+pg', bareServer, (id) => `/cases/${id}`, ids, {}, connections);
    const utvagTarget = target('Utväg GET /cases/:id', utvagServer, (id) => `/api/v1/cases/${id}`, ids, { cookie }, connections);
    const monitor = new pg.Client({ connectionString: benchUrl.toString() });
    await monitor.connect();
    let measured: { bare: ScenarioResult; utvag: ScenarioResult };
    try {
      const settle = async () => {
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline) {
          const unsealed = await monitor.query<{ count: string }>('select count(*)::text as count from audit_events where chain_seq is null');
          if (unsealed.rows[0]!.count === '0') break;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      };
      // CPU of the server process and of the bench database's PostgreSQL backends (when PostgreSQL runs
      // on this machine); a backend counts when it is there both before and after the slice.
      const cpuNow = async (t: Target, pids?: number[]) => {
        const backends = pids ?? (await monitor.query<{ pid: number }>(
          'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows.map((row) => row.pid);
        return { pids: backends, server: processCpuMs(t.server.process.pid), postgres: new Map(backends.map((pid) => [pid, postgresCpuMs(pid)])) };
      };
      const postgresDelta = (before: Map<number, number | null>, after: Map<number, number | null>) => {
        let total: number | null = null;
        for (const [pid, start] of before) {
          const end = after.get(pid);
          if (start !== null && end !== null && end !== undefined) total = (total ?? 0) + end - start;
        }
        return total;
      };
      const warmups = new Map<Target, LoadRun>();
      for (const t of [bareTarget, utvagTarget]) {
        log(`  warm-up ${t.name}: ${warmupSeconds} s`);
        warmups.set(t, await runLoad({ ...t.spec, seconds: warmupSeconds }));
        await settle();
      }
      const slices = new Map<Target, LoadRun[]>([[bareTarget, []], [utvagTarget, []]]);
      for (let round = 0; round < rounds; round++) {
        for (const t of round % 2 === 0 ? [bareTarget, utvagTarget] : [utvagTarget, bareTarget]) {
          const before = await cpuNow(t);
          const slice = await runLoad({ ...t.spec, seconds: seconds / rounds });
          const after = await cpuNow(t, before.pids);
          t.cpu.server = t.cpu.server === null || before.server === null || after.server === null ? null : t.cpu.server + after.server - before.server;
          const postgres = postgresDelta(before.postgres, after.postgres);
          t.cpu.postgres = t.cpu.postgres === null || postgres === null ? null : t.cpu.postgres + postgres;
          slices.get(t)!.push(slice);
          log(`  round ${round + 1}/${rounds} ${t.name}: ${slice.requestsPerSecond.toFixed(1)} req/s, ${slice.ok} 2xx, ${slice.non2xx} non-2xx, ${slice.errors + slice.timeouts} errors`);
          await settle();
        }
      }
      measured = {
        bare: summarise(bareTarget, slices.get(bareTarget)!, warmups.get(bareTarget)!),
        utvag: summarise(utvagTarget, slices.get(utvagTarget)!, warmups.get(utvagTarget)!),
      };
    } finally {
      await monitor.end();
    }
    const { bare, utvag } = measured;
    await bareServer.stop();
    await utvagServer.stop(); // lets requests in flight finish and commit

    // 4. Every successful read must have left a committed audit event.
    const counter = new pg.Client({ connectionString: benchUrl.toString() });
    await counter.connect();
    const counted = await counter.query<{ count: string }>(
      `select count(*)::text as count from audit_events where action = 'case.read' and actor_user_id = $1`, [loaded.coordinator.userId]);
    await counter.end();
    const caseReadEvents = Number(counted.rows[0]!.count);
    const successfulReads = 1 + utvag.warmup.ok + utvag.ok;

    const ratio = utvag.requestsPerSecond / bare.requestsPerSecond;
    const auditOk = caseReadEvents >= successfulReads;
    const clean = (s: ScenarioResult) => s.non2xx === 0 && s.errors === 0 && s.timeouts === 0 && s.warmup.non2xx === 0 && s.warmup.errors === 0 && s.ok > 0;
    const result: BenchResult = {
      database: name,
      options: { cases, seconds, connections, warmupSeconds, poolSize, rounds },
      load: { counts, milliseconds: loaded.milliseconds, coordinatorCases: ids.length },
      bare,
      utvag,
      ratio,
      targetMet: ratio >= TARGET_RATIO,
      audit: { caseReadEvents, successfulReads, ok: auditOk },
      correct: auditOk && clean(bare) && clean(utvag),
    };
    log('');
    log(`Results (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, latencies over every 2xx response):`);
    log(formatReport(result));
    if (!result.correct && options.setExitCode !== false) process.exitCode = 1;
    return result;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanup();
  }
}
