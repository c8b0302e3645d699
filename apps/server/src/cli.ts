import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Role } from '@utvag/domain';
import { verifyAuditChain, sealAuditChain } from './audit/chain';
import { newSecretToken } from './auth/tokens';
import { currentTotp } from './auth/totp';
import { ConfigError, loadConfig, type Config } from './config';
import { Keyring } from './crypto/keyring';
import type { Database } from './db/database';
import { migrate } from './db/migrate';
import { DEMO_TOTP_SECRET, demoInstructions, isEmpty, seedDemo } from './demo/seed';
import { openDatabase } from './server';
import { createUser, UserInputError } from './users/store';

const usage = `Usage: npx utvag <command>

  migrate                          apply database migrations
  demo                             create the demo organisations, users and cases (empty database only)
  demo code                        print the current second-factor code of the demo users
  user add --email E --name N --organisation ORG_ID --role R [--role R2] [--title T]
                                   add a staff user; the password is read from UTVAG_NEW_PASSWORD or stdin
  token create --user EMAIL [--days 90] [--label L]
                                   create an API token (shown once)
  token revoke --user EMAIL        revoke every API token of a user
  audit verify                     check the audit log's hash chain
  keys rotate                      re-wrap data keys under UTVAG_MASTER_KEY and start a new data key
  bench [--scenario case|workspace|write …] [--cases N] [--journal-entries N] [--audit-events N]
        [--seconds S] [--connections C] [--workers W]
                                   run the benchmark (see docs/performance.md); all three scenarios by default
`;

class CliError extends Error {}

/** PGlite allows one process per directory: refuse while the server holds it. */
function refuseIfServerHoldsDatabase(config: Config): void {
  if (config.databaseUrl) return;
  const lockFile = join(config.dataDir, 'server.pid');
  if (!existsSync(lockFile)) return;
  const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return; // a stale lock file from a crashed server
  }
  throw new CliError(`The Utväg server (pid ${pid}) is running on the embedded database in ${config.dataDir}.\n` +
    'Stop it first (Ctrl+C in its terminal), then run this command again. With PostgreSQL (DATABASE_URL) both can run at once.');
}

async function withDatabase<T>(work: (database: Database, keyring: Keyring, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  refuseIfServerHoldsDatabase(config);
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const keyring = new Keyring(database.db, config.masterKey, config.previousMasterKeys, database.kind === 'postgres');
    await keyring.load();
    return await work(database, keyring, config);
  } finally {
    await database.close();
  }
}

async function readPassword(): Promise<string> {
  if (process.env.UTVAG_NEW_PASSWORD) return process.env.UTVAG_NEW_PASSWORD;
  if (process.stdin.isTTY) process.stdout.write('Password (at least 12 characters): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split('\n')[0]!.trim();
}

async function run(argv: string[]): Promise<void> {
  const [command, sub] = argv;
  const { values } = parseArgs({
    args: argv.slice(command && sub && !sub.startsWith('--') ? 2 : 1),
    options: {
      email: { type: 'string' }, name: { type: 'string' }, organisation: { type: 'string' }, role: { type: 'string', multiple: true },
      title: { type: 'string' }, user: { type: 'string' }, days: { type: 'string' }, label: { type: 'string' },
      cases: { type: 'string' }, seconds: { type: 'string' }, connections: { type: 'string' }, workers: { type: 'string' },
      'journal-entries': { type: 'string' }, 'audit-events': { type: 'string' }, scenario: { type: 'string', multiple: true },
    },
    allowPositionals: true,
  });
  switch (`${command ?? ''} ${sub && !sub.startsWith('--') ? sub : ''}`.trim()) {
    case 'migrate':
      return withDatabase(async () => console.log('Migrations applied.'));
    case 'demo code':
      console.log(currentTotp(DEMO_TOTP_SECRET));
      return;
    case 'demo':
      return withDatabase(async (database, keyring, config) => {
        if (config.production) throw new CliError('Demo mode is refused when NODE_ENV=production.');
        if (!(await isEmpty(database.db))) throw new CliError('The database already holds organisations; demo data goes only into an empty database.');
        const { users } = await seedDemo(database.db, keyring);
        console.log(await demoInstructions(users));
      });
    case 'user add':
      return withDatabase(async (database, keyring) => {
        if (!values.email || !values.name || !values.organisation || !values.role?.length) throw new CliError('user add needs --email, --name, --organisation and --role.');
        const roles = values.role.map((role) => {
          const parsed = Role.safeParse(role);
          if (!parsed.success) throw new CliError(`Unknown role "${role}". Roles: ${Role.options.join(', ')}.`);
          return parsed.data;
        });
        const organisation = await database.db.selectFrom('organisations').select('id').where('id', '=', values.organisation).executeTakeFirst().catch(() => undefined);
        if (!organisation) throw new CliError('No organisation with that id.');
        const id = await createUser(database.db, keyring, {
          organisationId: organisation.id, email: values.email, name: values.name, title: values.title ?? null, roles, password: await readPassword(),
        });
        console.log(`User ${id} added. They enrol their second factor at first login.`);
      });
    case 'token create':
      return withDatabase(async (database) => {
        if (!values.user) throw new CliError('token create needs --user EMAIL.');
        const days = Number(values.days ?? 90);
        if (!Number.isInteger(days) || days < 1 || days > 366) throw new CliError('--days must be a whole number from 1 to 366.');
        const user = await database.db.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', values.user!.toLowerCase())).executeTakeFirst();
        if (!user) throw new CliError('No user with that e-mail.');
        const { token, hash } = newSecretToken('utv_');
        await database.db.insertInto('apiTokens').values({
          userId: user.id, tokenHash: hash, label: values.label ?? 'cli', expiresAt: new Date(Date.now() + days * 86_400_000),
        }).execute();
        console.log(token);
        console.error(`Token created; it expires in ${days} days and is shown only this once.`);
      });
    case 'token revoke':
      return withDatabase(async (database) => {
        if (!values.user) throw new CliError('token revoke needs --user EMAIL.');
        const user = await database.db.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', values.user!.toLowerCase())).executeTakeFirst();
        if (!user) throw new CliError('No user with that e-mail.');
        const result = await database.db.updateTable('apiTokens').set({ revokedAt: new Date() }).where('userId', '=', user.id).where('revokedAt', 'is', null).executeTakeFirst();
        console.log(`${result.numUpdatedRows} token(s) revoked.`);
      });
    case 'audit verify': {
      const intact = await withDatabase(async (database, keyring) => {
        await sealAuditChain(database.db, keyring);
        const report = await verifyAuditChain(database.db, keyring);
        if (report.ok) {
          console.log(`Audit log intact: ${report.checked} events in the chain, ${report.unsealed} not yet sealed.`);
        } else {
          console.log(`Audit log BROKEN at event ${report.broken!.seq} (${report.broken!.reason}); ${report.checked} events before it hold.`);
        }
        return report.ok;
      });
      // Set after the database is closed: closing PGlite resets process.exitCode.
      if (!intact) process.exitCode = 1;
      return;
    }
    case 'keys rotate':
      return withDatabase(async (_database, keyring) => {
        const result = await keyring.rotate();
        console.log(`Keys rotated: ${result.rewrapped} key(s) re-wrapped under the current master key; new data key ${result.newDataKeyId}.`);
      });
    case 'bench': {
      const { runBench, SCENARIO_KEYS } = await import('./bench/bench');
      const scenarios = values.scenario?.map((scenario) => {
        const key = SCENARIO_KEYS.find((each) => each === scenario);
        if (!key) throw new CliError(`Unknown scenario "${scenario}". Scenarios: ${SCENARIO_KEYS.join(', ')}.`);
        return key;
      });
      await runBench({
        scenarios,
        cases: values.cases ? Number(values.cases) : undefined, seconds: values.seconds ? Number(values.seconds) : undefined, connections: values.connections ? Number(values.connections) : undefined,
        journalEntries: values['journal-entries'] ? Number(values['journal-entries']) : undefined, auditEvents: values['audit-events'] ? Number(values['audit-events']) : undefined,
        workers: values.workers ? Number(values.workers) : undefined,
      });
      return;
    }
    default:
      console.log(usage);
      if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError || error instanceof ConfigError || error instanceof UserInputError) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    console.error('Failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
});
