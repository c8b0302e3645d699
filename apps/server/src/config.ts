import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseMasterKey } from './crypto/keyring';
import { defaultPoolSize, defaultSharedConnections } from './db/database';

/** Everything the server reads from the environment; documented in docs/configuration.md. */
export interface Config {
  production: boolean;
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  masterKey: Buffer;
  previousMasterKeys: Buffer[];
  /** Set when the master key was generated into the data directory (embedded demo use only). */
  generatedMasterKeyFile: string | null;
  sessionIdleMinutes: number;
  secureCookies: boolean;
  databasePoolSize: number;
  /** Connections shared by one-block transactions (see `SharedConnections`). */
  databaseSharedConnections: number;
  /** Server processes sharing the port, each with its own pool (PostgreSQL only). */
  workers: number;
  logLevel: string;
  demo: boolean;
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** The organisation that takes anonymous mailbox messages from places where no organisation takes them. */
  mailboxDefaultReceiver?: string | null;
}

export class ConfigError extends Error {}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new ConfigError(`${name} must be a positive whole number.`);
  return parsed;
}

function workersFrom(value: string | undefined, databaseUrl: string | null): number {
  const workers = value === 'auto' ? availableParallelism() : integer(value, 1, 'UTVAG_WORKERS');
  if (workers > 1 && !databaseUrl) {
    throw new ConfigError('UTVAG_WORKERS above 1 needs DATABASE_URL: the embedded database serves one process.');
  }
  return workers;
}

function masterKeyFrom(env: NodeJS.ProcessEnv, production: boolean, dataDir: string): { key: Buffer; generatedFile: string | null } {
  if (env.UTVAG_MASTER_KEY) return { key: parseMasterKey(env.UTVAG_MASTER_KEY), generatedFile: null };
  if (production) throw new ConfigError('UTVAG_MASTER_KEY is required when NODE_ENV=production.');
  const file = join(dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return { key: parseMasterKey(readFileSync(file, 'utf8')), generatedFile: file };
}

function organisationId(value: string | undefined, name: string): string | null {
  if (value === undefined || value === '') return null;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw new ConfigError(`${name} must be an organisation id (a UUID).`);
  return value.toLowerCase();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(env.UTVAG_DATA_DIR || 'data');
  const master = masterKeyFrom(env, production, dataDir);
  const demo = env.UTVAG_DEMO === undefined ? !production : env.UTVAG_DEMO === 'true';
  if (demo && production) throw new ConfigError('Demo mode is refused when NODE_ENV=production.');
  const databaseUrl = env.DATABASE_URL || null;
  const workers = workersFrom(env.UTVAG_WORKERS, databaseUrl);
  return {
    production,
    port: integer(env.PORT, 3000, 'PORT'),
    host: env.HOST || 'localhost',
    databaseUrl,
    dataDir,
    masterKey: master.key,
    previousMasterKeys: (env.UTVAG_PREVIOUS_MASTER_KEYS || '').split(',').filter(Boolean).map(parseMasterKey),
    generatedMasterKeyFile: master.generatedFile,
    sessionIdleMinutes: integer(env.UTVAG_SESSION_IDLE_MINUTES, 30, 'UTVAG_SESSION_IDLE_MINUTES'),
    secureCookies: env.UTVAG_INSECURE_COOKIES !== 'true',
    databasePoolSize: integer(env.UTVAG_DB_POOL_SIZE, defaultPoolSize(workers), 'UTVAG_DB_POOL_SIZE'),
    databaseSharedConnections: integer(env.UTVAG_DB_SHARED_CONNECTIONS, defaultSharedConnections(workers), 'UTVAG_DB_SHARED_CONNECTIONS'),
    workers,
    logLevel: env.LOG_LEVEL || (production ? 'info' : 'warn'),
    demo,
    trustProxy: env.UTVAG_TRUST_PROXY === 'true',
    mailboxDefaultReceiver: organisationId(env.UTVAG_MAILBOX_DEFAULT_RECEIVER, 'UTVAG_MAILBOX_DEFAULT_RECEIVER'),
  };
}
