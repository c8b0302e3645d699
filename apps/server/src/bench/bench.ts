import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { InformationCategory } from '@utvag/domain';
import type { Request } from 'autocannon';
import pg from 'pg';
import { UNSEALED_COUNT_SQL, verifyAuditChain, type ChainReport } from '../audit/chain';
import { SESSION_COOKIE } from '../auth/principal';
import { currentTotp } from '../auth/totp';
import { Keyring } from '../crypto/keyring';
import { defaultPoolSize, defaultSharedConnections, openPostgres } from '../db/database';
import { migrate } from '../db/migrate';
import { combineRuns, runLoad, type LoadRun } from './load-test';
import { loadSyntheticData, type BenchCoordinator, type LoadResult } from './loader';
import { postgresCpuMs, processTreeCpuMs, startChildServer, type ChildServer } from './processes';

/**
 * `npm run bench` / `npx utvag bench`: loads a fresh PostgreSQL database with synthetic cases, plans,
 * journal entries and a year of audit events, then measures three things the real Utväg server does
 * against a bare Fastify + pg server doing the same work in plain SQL, at the same concurrency, in
 * alternating slices: reading a case, loading the plan workspace (case, current plan, team), and
 * writing a journal entry. See docs/performance.md.
 */

export interface BenchOptions {
  cases?: number;
  /** Journal entries to load, spread over the cases; default 1,000,000. */
  journalEntries?: number;
  /** Sealed audit events to load, over the last twelve months; default 10,000,000. */
  auditEvents?: number;
  seconds?: number;
  connections?: number;
  /** The admin URL in which the bench database is created; else BENCH_DATABASE_URL, DATABASE_URL, the local default. */
  adminUrl?: string;
  /** Warm-up before each measured run; default a fifth of `seconds`, 1–5 s. */
  warmupSeconds?: number;
  /** Connection pool size of both servers; default BENCH_POOL_SIZE or the server's own default for `workers` (`defaultPoolSize`). */
  poolSize?: number;
  /** Processes of each server sharing its port (UTVAG_WORKERS for Utväg); default BENCH_WORKERS or 1. */
  workers?: number;
  /** Each scenario's `seconds` is measured in this many alternating slices (bare, Utväg, Utväg, bare, …); default BENCH_ROUNDS or 3. */
  rounds?: number;
  /** Which scenarios to measure; default all three. */
  scenarios?: ScenarioKey[];
  /** Verify the whole audit hash chain at the end; default when at most 200,000 audit events are loaded (it reads every event). */
  verifyChain?: boolean;
  seed?: number;
  log?: (line: string) => void;
  /** Set process.exitCode to 1 when a correctness check fails (the command line); default true. */
  setExitCode?: boolean;
}

export const SCENARIO_KEYS = ['case', 'workspace', 'write'] as const;
export type ScenarioKey = (typeof SCENARIO_KEYS)[number];

export interface ScenarioResult extends Omit<LoadRun, 'latencies'> {
  name: string;
  /** Requests/s in each measured slice, in order. */
  rounds: number[];
  /** Operations (one read, one workspace load, one write) per second: requests/s over the requests per operation. */
  operationsPerSecond: number;
  warmup: { ok: number; non2xx: number; errors: number };
  /**
   * CPU time per 2xx response, in ms, of the server process and of the PostgreSQL backends of the
   * bench database, measured from /proc during the slices (null where /proc cannot be read). Unlike
   * requests/s, this hardly changes with other load on the machine.
   */
  cpu: { serverMs: number | null; postgresMs: number | null };
}

export interface ScenarioPair {
  key: ScenarioKey;
  title: string;
  /** HTTP requests in one operation (the workspace is the three requests its page makes). */
  requestsPerOperation: number;
  bare: ScenarioResult;
  utvag: ScenarioResult;
  /** Utväg requests/s divided by bare requests/s. */
  ratio: number;
  target: number;
  targetMet: boolean;
  /** (bare CPU per request) / (Utväg CPU per request): what the ratio would be if CPU alone decided it. */
  cpuRatio: number;
}

export interface AuditCheck {
  what: string;
  /** Audit events (or rows) written during the run. */
  found: number;
  /** Successful Utväg requests that must each have left one. */
  expected: number;
  ok: boolean;
}

export interface BenchResult {
  database: string;
  options: {
    cases: number; journalEntries: number; auditEvents: number; seconds: number; connections: number; warmupSeconds: number; poolSize: number; workers: number; rounds: number;
  };
  load: Omit<LoadResult, 'coordinator' | 'coordinatorCaseIds'> & { coordinatorCases: number };
  scenarios: ScenarioPair[];
  audit: { checks: AuditCheck[]; ok: boolean };
  /** The whole audit hash chain, loaded events included, when it was verified. */
  chain: ChainReport | null;
  /** Every correctness check held: no non-2xx, no errors, an audit event for every successful request, a valid chain. */
  correct: boolean;
}

/** Issue targets, Utväg ÷ bare requests/s: reads at least half, writes at least a third. */
export const TARGETS: Readonly<Record<ScenarioKey, number>> = { case: 0.5, workspace: 0.5, write: 0.33 };
const TITLES: Readonly<Record<ScenarioKey, string>> = { case: 'case read', workspace: 'plan workspace', write: 'journal write' };
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

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be zero or a positive number.`);
  return Math.floor(value);
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
async function login(baseUrl: string, coordinator: BenchCoordinator): Promise<{ cookie: string; csrfToken: string }> {
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
  const me = (await second.json()) as { csrfToken: string | null };
  if (!me.csrfToken) throw new Error('No CSRF token after the second factor.');
  return { cookie: sessionCookie(second), csrfToken: me.csrfToken };
}

const randomFrom = <T>(items: readonly T[]) => () => items[Math.floor(Math.random() * items.length)]!;

/** Fictional journal text of a realistic length (a few sentences), different for every write. */
const WRITE_SENTENCES = [
  'Samtal på kontoret enligt planering.', 'Deltagaren berättar att veckan har varit lugn.', 'Vi gick igenom nästa steg i planen.',
  'Ny tid bokad om två veckor.', 'Tolk deltog via telefon.', 'Stödpersonen följde med till besöket.', 'Deltagaren vill själv kontakta skolan.',
];
function journalWrite(): string {
  const pick = randomFrom(WRITE_SENTENCES);
  const categories = InformationCategory.options;
  return JSON.stringify({ category: categories[Math.floor(Math.random() * categories.length)], body: `${pick()} ${pick()} ${pick()} (${randomUUID().slice(0, 8)})` });
}

interface Side { name: string; server: ChildServer; requests: Request[]; headers: Record<string, string>; cpu: { server: number | null; postgres: number | null } }
interface Pair { key: ScenarioKey; requestsPerOperation: number; bare: Side; utvag: Side }

/** GETs of `paths(id)` in order, every connection picking a fresh case for each round of the sequence. */
function readSequence(ids: readonly string[], paths: ((id: string) => string)[]): Request[] {
  const pick = randomFrom(ids);
  return paths.map((pathOf, index) => ({
    method: 'GET',
    setupRequest: (request, context) => {
      if (index === 0) context.caseId = pick();
      return { ...request, path: pathOf(context.caseId as string) };
    },
  }));
}

/** POSTs of a new journal entry to a random case; Utväg's with a fresh Idempotency-Key each. */
function writeRequests(ids: readonly string[], pathOf: (id: string) => string, idempotent: boolean): Request[] {
  const pick = randomFrom(ids);
  return [{
    method: 'POST',
    setupRequest: (request) => ({
      ...request,
      path: pathOf(pick()),
      headers: { ...request.headers, 'content-type': 'application/json', ...(idempotent ? { 'idempotency-key': `bench-${randomUUID()}` } : {}) },
      body: journalWrite(),
    }),
  }];
}

function summarise(side: Side, requestsPerOperation: number, slices: LoadRun[], warmup: LoadRun): ScenarioResult {
  const { latencies: _latencies, ...combined } = combineRuns(slices);
  const perRequest = (ms: number | null) => (ms === null || combined.ok === 0 ? null : ms / combined.ok);
  return {
    name: side.name, ...combined, rounds: slices.map((slice) => slice.requestsPerSecond),
    operationsPerSecond: combined.requestsPerSecond / requestsPerOperation,
    warmup: { ok: warmup.ok, non2xx: warmup.non2xx, errors: warmup.errors },
    cpu: { serverMs: perRequest(side.cpu.server), postgresMs: perRequest(side.cpu.postgres) },
  };
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const cpuTotal = (row: ScenarioResult) => (row.cpu.serverMs ?? Number.NaN) + (row.cpu.postgresMs ?? Number.NaN);

export function formatReport(result: BenchResult): string {
  const header = ['scenario', 'server', 'ops/s', 'requests/s', 'p50 ms', 'p99 ms', '2xx', 'non-2xx', 'errors'];
  const body = result.scenarios.flatMap((pair) => [pair.bare, pair.utvag].map((row) => [
    pair.title, row.name, fmt(row.operationsPerSecond), fmt(row.requestsPerSecond), fmt(row.p50, 2), fmt(row.p99, 2), String(row.ok), String(row.non2xx),
    String(row.errors + row.timeouts),
  ]));
  const widths = header.map((title, index) => Math.max(title.length, ...body.map((row) => row[index]!.length)));
  const line = (cells: string[]) => cells.map((cell, index) => (index < 2 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!))).join('  ');
  const lines = [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line), ''];
  for (const pair of result.scenarios) {
    lines.push(`${pair.title}${pair.requestsPerOperation > 1 ? ` (${pair.requestsPerOperation} requests per operation)` : ''}:`);
    for (const row of [pair.bare, pair.utvag]) {
      lines.push(`  ${row.name}: per slice ${row.rounds.map((value) => fmt(value)).join(', ')} req/s; CPU per request server ${fmt(row.cpu.serverMs ?? Number.NaN, 3)} ms + PostgreSQL ${fmt(row.cpu.postgresMs ?? Number.NaN, 3)} ms`);
    }
    lines.push(`  CPU cost ratio bare / Utväg (an estimate, not the target): ${fmt(pair.cpuRatio, 3)}`);
  }
  lines.push('');
  for (const pair of result.scenarios) {
    lines.push(`Throughput ratio Utväg / bare, ${pair.title}: ${fmt(pair.ratio, 3)}  (target >= ${pair.target}: ${pair.targetMet ? 'MET' : 'NOT MET'})`);
  }
  for (const check of result.audit.checks) {
    lines.push(`Audit: ${check.found} ${check.what} for ${check.expected} successful requests: ${check.ok ? 'OK' : 'MISSING'}`);
  }
  lines.push(result.chain
    ? `Audit chain: ${result.chain.ok ? `verified, ${result.chain.checked} links` : `BROKEN at ${result.chain.broken?.seq} (${result.chain.broken?.reason})`}`
    : 'Audit chain: not verified in this run (it reads every event; pass verifyChain)');
  lines.push(`Correctness: ${result.correct ? 'all checks held' : 'FAILED (see above)'}`);
  return lines.join('\n');
}

/** Runs the whole benchmark in a fresh database, which it drops at the end, also on failure. */
export async function runBench(options: BenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const cases = Math.floor(positive(options.cases, 100_000, 'cases'));
  const journalEntries = nonNegative(options.journalEntries, 1_000_000, 'journal-entries');
  const auditEvents = nonNegative(options.auditEvents, 10_000_000, 'audit-events');
  const seconds = positive(options.seconds, 15, 'seconds');
  const connections = Math.floor(positive(options.connections, 50, 'connections'));
  const warmupSeconds = positive(options.warmupSeconds, Math.min(5, Math.max(1, Math.round(seconds / 5))), 'warmup');
  const fromEnv = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  const workers = Math.floor(positive(options.workers ?? fromEnv('BENCH_WORKERS'), 1, 'workers'));
  const poolSize = Math.floor(positive(options.poolSize ?? fromEnv('BENCH_POOL_SIZE'), defaultPoolSize(workers), 'pool'));
  // Utväg's one-block transactions (the reads of one statement, the audit writer's batches) go on connections of their own.
  const sharedConnections = defaultSharedConnections(workers);
  const rounds = Math.floor(positive(options.rounds ?? fromEnv('BENCH_ROUNDS'), 3, 'rounds'));
  const keys: ScenarioKey[] = options.scenarios?.length ? options.scenarios : [...SCENARIO_KEYS];
  const verifyChain = options.verifyChain ?? auditEvents <= 200_000;
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
    log(`  ${cases.toLocaleString('en')} cases, ${journalEntries.toLocaleString('en')} journal entries, ${auditEvents.toLocaleString('en')} audit events`);
    log(`  scenarios ${keys.map((key) => TITLES[key]).join(', ')}: ${connections} connections, ${seconds} s each after a ${warmupSeconds} s warm-up, in ${rounds} alternating slices; ${workers} worker process${workers === 1 ? '' : 'es'} per server, pool ${poolSize} per process, and for Utväg ${sharedConnections} shared connection${sharedConnections === 1 ? '' : 's'} per process`);

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
        cases, coordinatorCases: Math.min(2_000, Math.max(1, Math.floor(cases / 10))), journalEntries, auditEvents, seed: options.seed, progress: log,
      });
      await loaderPool.query('CHECKPOINT').catch(() => {}); // so no checkpoint of the load lands in a measurement (needs the right)
    } finally {
      await loaderPool.end();
      await database.close();
    }
    const { counts, phases } = loaded;
    const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    log(`Loaded in ${secs(loaded.milliseconds)} (cases ${secs(phases.cases)}, plans ${secs(phases.plans)}, journal ${secs(phases.journal)}, ` +
      `audit ${secs(phases.audit)}, vacuum ${secs(phases.vacuum)}): ${counts.cases} cases (${counts.identified} identified), ${counts.teamMembers} team members, ` +
      `${counts.consents} consents, ${counts.planVersions} plan versions, ${counts.journalEntries} journal entries, ${counts.auditEvents} audit events, ` +
      `${counts.users} staff in ${counts.organisations} organisations; the bench coordinator holds ${loaded.coordinatorCaseIds.length} cases.`);
    log(`  CPU time of the load (without VACUUM): loader ${secs(loaded.cpu.loaderMs)}, PostgreSQL ${loaded.cpu.postgresMs === null ? 'unknown' : secs(loaded.cpu.postgresMs)}`);
    const ids = loaded.coordinatorCaseIds;

    // Everything the run writes comes after this: the audit checks count events above it. The bare
    // server writes as another member of the coordinator's organisation, so Utväg's entries can be told apart.
    const monitor = new pg.Client({ connectionString: benchUrl.toString() });
    await monitor.connect();
    const startedAt = (await monitor.query<{ now: Date }>('select now()')).rows[0]!.now;
    const before = await monitor.query<{ id: string }>('select coalesce(max(id), 0)::text as id from audit_events');
    const loadedMaxId = before.rows[0]!.id;
    const bareAuthor = (await monitor.query<{ id: string; organisation_id: string }>(
      `select id, organisation_id from users where organisation_id = (select organisation_id from users where id = $1) and id <> $1 order by id limit 1`,
      [loaded.coordinator.userId])).rows[0]!;

    // 2. Both servers, each in its own process.
    const bareServer = await startChildServer('bare server', new URL('./bare-server.ts', import.meta.url), {
      DATABASE_URL: benchUrl.toString(), BENCH_POOL_SIZE: String(poolSize), BENCH_WORKERS: String(workers), NODE_ENV: 'production',
      BENCH_AUTHOR_ID: bareAuthor.id, BENCH_ORGANISATION_ID: bareAuthor.organisation_id,
    }, '/readyz');
    servers.push(bareServer);
    for (const path of [`/cases/${ids[0]}`, `/cases/${ids[0]}/plan`, `/cases/${ids[0]}/team`]) {
      const probe = await fetch(`${bareServer.url}${path}`);
      if (probe.status !== 200) throw new Error(`The bare server answered ${probe.status} for ${path}.`);
    }
    const utvagServer = await startChildServer('Utväg server', new URL('../main.ts', import.meta.url), {
      DATABASE_URL: benchUrl.toString(), UTVAG_DEMO: 'false', UTVAG_MASTER_KEY: masterKey.toString('base64'),
      UTVAG_DB_POOL_SIZE: String(poolSize), UTVAG_DB_SHARED_CONNECTIONS: String(sharedConnections), UTVAG_WORKERS: String(workers), LOG_LEVEL: 'warn', NODE_ENV: 'production',
    }, '/readyz');
    servers.push(utvagServer);
    // A real login: password, then the second factor; the session cookie authenticates every request
    // and the CSRF token goes with every write.
    const { cookie, csrfToken } = await login(utvagServer.url, loaded.coordinator);
    await checkAnswers(utvagServer, bareServer, monitor, ids[0]!, cookie, csrfToken);

    // 3. Per scenario: warm-up, then the measured time in alternating slices (ABBA…), so that a change in
    // the machine's background load hits both alike. Before each slice the audit sealer has caught up,
    // so Utväg's background work never runs during a slice of the baseline.
    const side = (sideName: string, server: ChildServer, requests: Request[], headers: Record<string, string>): Side =>
      ({ name: sideName, server, requests, headers, cpu: { server: 0, postgres: 0 } });
    const utvagHeaders = { cookie };
    const pairs: Pair[] = keys.map((key): Pair => {
      switch (key) {
        case 'case': return {
          key, requestsPerOperation: 1,
          bare: side('bare Fastify+pg', bareServer, readSequence(ids, [(id) => `/cases/${id}`]), {}),
          utvag: side('Utväg', utvagServer, readSequence(ids, [(id) => `/api/v1/cases/${id}`]), utvagHeaders),
        };
        case 'workspace': return {
          key, requestsPerOperation: 3,
          bare: side('bare Fastify+pg', bareServer, readSequence(ids, [(id) => `/cases/${id}`, (id) => `/cases/${id}/plan`, (id) => `/cases/${id}/team`]), {}),
          utvag: side('Utväg', utvagServer, readSequence(ids, [(id) => `/api/v1/cases/${id}`, (id) => `/api/v1/cases/${id}/plan`, (id) => `/api/v1/cases/${id}/team`]), utvagHeaders),
        };
        case 'write': return {
          key, requestsPerOperation: 1,
          bare: side('bare Fastify+pg', bareServer, writeRequests(ids, (id) => `/cases/${id}/journal`, false), {}),
          utvag: side('Utväg', utvagServer, writeRequests(ids, (id) => `/api/v1/cases/${id}/journal`, true), { ...utvagHeaders, 'x-csrf-token': csrfToken }),
        };
      }
    });
    const scenarios: ScenarioPair[] = [];
    try {
      const settle = async () => {
        const deadline = Date.now() + 60_000;
        while (Date.now() < deadline) {
          const unsealed = await monitor.query<{ count: string }>(UNSEALED_COUNT_SQL);
          if (unsealed.rows[0]!.count === '0') break;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      };
      // CPU of the server process and of the bench database's PostgreSQL backends (when PostgreSQL runs
      // on this machine); a backend counts when it is there both before and after the slice.
      const cpuNow = async (s: Side, pids?: number[]) => {
        const backends = pids ?? (await monitor.query<{ pid: number }>(
          'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows.map((row) => row.pid);
        return { pids: backends, server: processTreeCpuMs(s.server.process.pid), postgres: new Map(backends.map((pid) => [pid, postgresCpuMs(pid)])) };
      };
      const postgresDelta = (start: Map<number, number | null>, end: Map<number, number | null>) => {
        let total: number | null = null;
        for (const [pid, first] of start) {
          const last = end.get(pid);
          if (first !== null && last !== null && last !== undefined) total = (total ?? 0) + last - first;
        }
        return total;
      };
      const spec = (s: Side, duration: number) => ({ url: s.server.url, connections, headers: s.headers, requests: s.requests, seconds: duration });
      for (const pair of pairs) {
        log(`Scenario: ${TITLES[pair.key]}`);
        const warmups = new Map<Side, LoadRun>();
        for (const s of [pair.bare, pair.utvag]) {
          log(`  warm-up ${s.name}: ${warmupSeconds} s`);
          warmups.set(s, await runLoad(spec(s, warmupSeconds)));
          await settle();
        }
        const slices = new Map<Side, LoadRun[]>([[pair.bare, []], [pair.utvag, []]]);
        for (let round = 0; round < rounds; round++) {
          for (const s of round % 2 === 0 ? [pair.bare, pair.utvag] : [pair.utvag, pair.bare]) {
            const start = await cpuNow(s);
            const slice = await runLoad(spec(s, seconds / rounds));
            const end = await cpuNow(s, start.pids);
            s.cpu.server = s.cpu.server === null || start.server === null || end.server === null ? null : s.cpu.server + end.server - start.server;
            const postgres = postgresDelta(start.postgres, end.postgres);
            s.cpu.postgres = s.cpu.postgres === null || postgres === null ? null : s.cpu.postgres + postgres;
            slices.get(s)!.push(slice);
            log(`  round ${round + 1}/${rounds} ${s.name}: ${slice.requestsPerSecond.toFixed(1)} req/s, ${slice.ok} 2xx, ${slice.non2xx} non-2xx, ${slice.errors + slice.timeouts} errors`);
            await settle();
          }
        }
        const bare = summarise(pair.bare, pair.requestsPerOperation, slices.get(pair.bare)!, warmups.get(pair.bare)!);
        const utvag = summarise(pair.utvag, pair.requestsPerOperation, slices.get(pair.utvag)!, warmups.get(pair.utvag)!);
        const ratio = utvag.requestsPerSecond / bare.requestsPerSecond;
        scenarios.push({
          key: pair.key, title: TITLES[pair.key], requestsPerOperation: pair.requestsPerOperation, bare, utvag, ratio,
          target: TARGETS[pair.key], targetMet: ratio >= TARGETS[pair.key], cpuRatio: cpuTotal(bare) / cpuTotal(utvag),
        });
      }
    } finally {
      await monitor.end();
    }
    await bareServer.stop();
    await utvagServer.stop(); // lets requests in flight finish and commit

    // 4. Every successful Utväg request must have left a committed audit event (and every write its row).
    // Requests still in flight when a slice ended completed and were audited but not counted, so the
    // counts may be higher, never lower. The check requests are counted too.
    const counter = new pg.Client({ connectionString: benchUrl.toString() });
    await counter.connect();
    let checks: AuditCheck[];
    try {
      const events = await counter.query<{ action: string; count: string }>(
        `select action, count(*)::text as count from audit_events where id > $1::bigint and actor_user_id = $2 group by action`,
        [loadedMaxId, loaded.coordinator.userId]);
      const eventCount = (...actions: string[]) => events.rows.filter((row) => actions.includes(row.action)).reduce((sum, row) => sum + Number(row.count), 0);
      const written = await counter.query<{ count: string }>(
        'select count(*)::text as count from journal_entries where author_user_id = $1 and created_at >= $2', [loaded.coordinator.userId, startedAt]);
      const served = (key: ScenarioKey) => {
        const pair = scenarios.find((scenario) => scenario.key === key);
        return pair ? pair.utvag.ok + pair.utvag.warmup.ok : 0;
      };
      const reads = 3 + served('case') + served('workspace'); // the checks read a case, its plan and its team
      const writes = 1 + served('write');
      checks = [
        { what: 'case.read, plan.read and team.read events', found: eventCount('case.read', 'plan.read', 'team.read'), expected: reads, ok: false },
        { what: 'journal.create events', found: eventCount('journal.create'), expected: writes, ok: false },
        { what: 'journal entries written through Utväg', found: Number(written.rows[0]!.count), expected: writes, ok: false },
      ].map((check) => ({ ...check, ok: check.found >= check.expected }));
    } finally {
      await counter.end();
    }

    // 5. The hash chain over everything, the loaded history and the run's own events alike.
    let chain: ChainReport | null = null;
    if (verifyChain) {
      const verifier = await openPostgres(benchUrl.toString(), 2);
      try {
        const keyring = new Keyring(verifier.db, masterKey, [], true);
        await keyring.load();
        chain = await verifyAuditChain(verifier.db, keyring);
      } finally {
        await verifier.close();
      }
    }

    const auditOk = checks.every((check) => check.ok);
    const clean = (s: ScenarioResult) => s.non2xx === 0 && s.errors === 0 && s.timeouts === 0 && s.warmup.non2xx === 0 && s.warmup.errors === 0 && s.ok > 0;
    const result: BenchResult = {
      database: name,
      options: { cases, journalEntries, auditEvents, seconds, connections, warmupSeconds, poolSize, workers, rounds },
      load: { counts, phases, cpu: loaded.cpu, milliseconds: loaded.milliseconds, coordinatorCases: ids.length },
      scenarios,
      audit: { checks, ok: auditOk },
      chain,
      correct: auditOk && (chain === null || chain.ok) && scenarios.every((pair) => clean(pair.bare) && clean(pair.utvag)),
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

/**
 * Before measuring: Utväg answers the coordinator's own case, its current plan (with a follow-up ahead)
 * and its team, and stores a written journal entry encrypted; the bare server writes too.
 */
async function checkAnswers(utvag: ChildServer, bare: ChildServer, monitor: pg.Client, caseId: string, cookie: string, csrfToken: string): Promise<void> {
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${utvag.url}/api/v1${path}`, { headers: { cookie } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`Utväg answered ${response.status} for ${path}: ${text.slice(0, 300)}\n${utvag.output()}`);
    return JSON.parse(text) as T;
  };
  const view = await get<{ id?: string; access?: { via?: string } }>(`/cases/${caseId}`);
  if (view.id !== caseId || view.access?.via !== 'coordinator') throw new Error(`Unexpected case answer: ${JSON.stringify(view).slice(0, 300)}`);
  const current = await get<{ plan: { status?: string; content?: { followUpOn?: string | null; goals?: unknown[] } } | null }>(`/cases/${caseId}/plan`);
  const today = new Date().toISOString().slice(0, 10);
  if (current.plan?.status !== 'agreed' || !current.plan.content?.goals?.length || !(current.plan.content.followUpOn && current.plan.content.followUpOn >= today)) {
    throw new Error(`The case's current plan is not an agreed plan with goals and a follow-up ahead: ${JSON.stringify(current).slice(0, 300)}`);
  }
  const team = await get<{ members: unknown[] }>(`/cases/${caseId}/team`);
  if (!(team.members.length >= 2)) throw new Error(`The case's team has ${team.members.length} members.`);

  const text = `Kontrollanteckning ${randomUUID()}`;
  const written = await fetch(`${utvag.url}/api/v1/cases/${caseId}/journal`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', 'idempotency-key': `bench-check-${randomUUID()}` },
    body: JSON.stringify({ category: 'health', body: text }),
  });
  const entry = (await written.json()) as { id?: string; body?: string };
  if (written.status !== 201 || entry.body !== text || !entry.id) throw new Error(`Utväg answered ${written.status} to a journal write: ${JSON.stringify(entry).slice(0, 300)}`);
  const stored = await monitor.query<{ body: Buffer }>('select body from journal_entries where id = $1', [entry.id]);
  if (!stored.rows[0] || stored.rows[0].body.includes(Buffer.from(text))) throw new Error('The journal entry is not stored encrypted.');

  const bareWrite = await fetch(`${bare.url}/cases/${caseId}/journal`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ category: 'health', body: 'Kontroll' }),
  });
  if (bareWrite.status !== 201) throw new Error(`The bare server answered ${bareWrite.status} to a journal write.`);
}
