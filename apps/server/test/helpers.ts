import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Role } from '@utvag/domain';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { newSecretToken } from '../src/auth/tokens';
import { newTotpSecret } from '../src/auth/totp';
import { Keyring } from '../src/crypto/keyring';
import { openPglite, openPostgres, type Database } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { buildApp } from '../src/http/app';
import { createMunicipalityOrganisation, createOrganisation, createRegionOrganisation } from '../src/organisations/store';
import { createUser } from '../src/users/store';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The file holding a migrated PGlite data directory, written once per run by test/global-setup.ts. */
    pgliteTemplate: string | null;
  }
}

let pgliteTemplate: Promise<Blob | undefined> | undefined;

/** The migrated data directory every in-memory PGlite of this process starts from, read once. */
function migratedPglite(): Promise<Blob | undefined> {
  pgliteTemplate ??= (async () => {
    const file = inject('pgliteTemplate');
    return file ? new Blob([await readFile(file)]) : undefined;
  })();
  return pgliteTemplate;
}

/**
 * A fresh database for one test file: in-memory PGlite, or a new database on TEST_DATABASE_URL. PGlite
 * starts from the run's migrated data directory, so `migrate` finds nothing left to apply.
 */
export async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!process.env.TEST_DATABASE_URL) {
    const database = await openPglite(null, { loadDataDir: await migratedPglite() });
    return { database, drop: () => database.close() };
  }
  const { url, drop } = await newPostgresDatabase();
  const database = await openPostgres(url);
  return {
    database,
    drop: async () => {
      await database.close();
      await drop();
    },
  };
}

/** A new, empty database on TEST_DATABASE_URL's server: its address, and how to drop it. */
export async function newPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set.');
  const name = `utvag_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      const cleaner = new pg.Client({ connectionString: url });
      await cleaner.connect();
      await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleaner.end();
    },
  };
}

export interface TestEnv {
  app: FastifyInstance;
  database: Database;
  keyring: Keyring;
  masterKey: Buffer;
  close: () => Promise<void>;
}

export async function testEnv(options: { sessionIdleMinutes?: number; emailEnabled?: boolean } = {}): Promise<TestEnv> {
  const { database, drop } = await freshDatabase();
  await migrate(database);
  const masterKey = randomBytes(32);
  const keyring = new Keyring(database.db, masterKey, [], database.kind === 'postgres');
  await keyring.load();
  const app = await buildApp({ database, keyring, sessionIdleMinutes: options.sessionIdleMinutes ?? 30, secureCookies: true, logLevel: process.env.UTVAG_TEST_LOG ?? 'silent', emailEnabled: options.emailEnabled });
  return {
    app, database, keyring, masterKey,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

export interface TestUser { id: string; email: string; password: string; organisationId: string; totpSecret: string; token: string }

let counter = 0;
/** A staff user with an enrolled second factor and an API token. */
export async function makeUser(env: TestEnv, organisationId: string, roles: Role[], name = 'Testperson'): Promise<TestUser> {
  counter += 1;
  const email = `user${counter}-${randomUUID().slice(0, 8)}@test.utvag.se`;
  const password = 'correct horse battery';
  const totpSecret = newTotpSecret();
  const id = await createUser(env.database.db, env.keyring, { organisationId, email, name: `${name} ${counter}`, roles, password, totpSecret });
  const { token, hash } = newSecretToken('utv_');
  await env.database.db.insertInto('apiTokens').values({ userId: id, tokenHash: hash, label: 'test', expiresAt: new Date(Date.now() + 86_400_000) }).execute();
  return { id, email, password, organisationId, totpSecret, token };
}

export const organisations = {
  municipality: (env: TestEnv, code = '1880') => createMunicipalityOrganisation(env.database.db, code),
  region: (env: TestEnv, county = '18') => createRegionOrganisation(env.database.db, county),
  civilSociety: (env: TestEnv) => createOrganisation(env.database.db, { type: 'civil_society', name: `Förening ${randomUUID().slice(0, 6)}` }),
};

/** Requests as a user with their bearer token. */
export function as(env: TestEnv, user: TestUser) {
  const send = (method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    env.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers: { authorization: `Bearer ${user.token}`, ...headers } });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) => send('POST', url, payload ?? {}, headers),
    patch: (url: string, payload: unknown) => send('PATCH', url, payload),
    put: (url: string, payload: unknown) => send('PUT', url, payload),
    delete: (url: string) => send('DELETE', url),
  };
}

export const anonymousCase = (alias = 'Vinter') => ({
  program: 'exit_program',
  participant: { alias, languages: ['sv'], interpreterNeeded: false, protectedIdentity: 'none' },
});

export const today = () => new Date().toISOString().slice(0, 10);

/**
 * Puts a user on a case's team straight in the database, past the rule that only organisations within
 * consent may join: for tests about a member whose consent has since lapsed or was never in force.
 */
export async function addMemberWithoutConsent(env: TestEnv, caseId: string, user: TestUser, teamRole: string, addedBy: TestUser): Promise<void> {
  await env.database.db.insertInto('caseTeamMembers')
    .values({ caseId, userId: user.id, organisationId: user.organisationId, teamRole, addedBy: addedBy.id }).execute();
}

/** Expects an HTTP status, showing the body when it differs. */
export const expectStatus = (response: LightMyRequestResponse, status: number) => expect(response.statusCode, response.body).toBe(status);

/**
 * Counts every write to a `pg` client's socket in `watch.writes`: each write is one batch of messages that
 * PostgreSQL answers before the client goes on, so the count is the number of round trips. With `texts`,
 * each write's bytes are kept too (as latin1), so that a test can see which statements travelled together.
 */
export function countSocketWrites(client: pg.PoolClient, watch: { writes: number; texts?: string[] }): void {
  const socket = (client as unknown as { connection: { stream: Record<'_write' | '_writev', (...args: unknown[]) => unknown> } }).connection.stream;
  const text = (method: '_write' | '_writev', first: unknown) => method === '_write'
    ? Buffer.from(first as Buffer).toString('latin1')
    : (first as { chunk: Buffer }[]).map((part) => Buffer.from(part.chunk).toString('latin1')).join('');
  for (const method of ['_write', '_writev'] as const) {
    const original = socket[method].bind(socket);
    socket[method] = (...args: unknown[]) => {
      watch.writes += 1;
      watch.texts?.push(text(method, args[0]));
      return original(...args);
    };
  }
}
