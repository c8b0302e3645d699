import type { FastifyInstance } from 'fastify';
import { sealAuditChain } from './audit/chain';
import { mayReceiveMailbox, OrganisationType } from '@utvag/domain';
import { ConfigError, type Config } from './config';
import { Keyring } from './crypto/keyring';
import { sealClearTexts } from './jobs/seal-clear-texts';
import { openPglite, openPostgres, type Database } from './db/database';
import { migrate } from './db/migrate';
import { mailerConfigFrom } from './notifications/mailer';
import { buildApp } from './http/app';
import { setMailboxReceiver } from './mailbox/service';
import { startJobs } from './jobs/scheduler';

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolSize' | 'databaseSharedConnections'>): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config.databasePoolSize, config.databaseSharedConnections) : openPglite(`${config.dataDir}/pglite`);
}

export interface Runtime {
  app: FastifyInstance;
  database: Database;
  keyring: Keyring;
  stop: () => Promise<void>;
}

/** Opens the database, migrates, loads keys and builds the app; `stop` shuts it all down in order. */
export async function startRuntime(config: Config): Promise<Runtime> {
  const database = await openDatabase(config);
  await migrate(database);
  if (config.mailboxDefaultReceiver) {
    await makeDefaultReceiver(database, config.mailboxDefaultReceiver).catch(async (error: unknown) => {
      await database.close();
      throw error;
    });
  }
  const keyring = new Keyring(database.db, config.masterKey, config.previousMasterKeys, database.kind === 'postgres');
  await keyring.load();
  await sealClearTexts(database.db, keyring);
  const app = await buildApp({
    database, keyring, sessionIdleMinutes: config.sessionIdleMinutes, secureCookies: config.secureCookies, logLevel: config.logLevel,
    trustProxy: config.trustProxy, emailEnabled: mailerConfigFrom(process.env) !== null,
  });
  const stopJobs = startJobs(database, keyring, app.log);
  return {
    app,
    database,
    keyring,
    stop: async () => {
      await app.close(); // stops accepting, lets requests in flight finish
      await stopJobs();
      await sealAuditChain(database.db, keyring).catch(() => 0);
      await database.close();
    },
  };
}

/** The operator's choice of default mailbox receiver, applied at every start so the setting is the one place it is decided. */
export async function makeDefaultReceiver(database: Pick<Database, 'db'>, organisationId: string): Promise<void> {
  const organisation = await database.db.selectFrom('organisations').select('type').where('id', '=', organisationId).executeTakeFirst();
  if (!organisation || !mayReceiveMailbox(OrganisationType.parse(organisation.type))) {
    throw new ConfigError('UTVAG_MAILBOX_DEFAULT_RECEIVER names no organisation that can take mailbox messages.');
  }
  await setMailboxReceiver(database.db, organisationId, true);
}
