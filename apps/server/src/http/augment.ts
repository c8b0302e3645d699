import type { Principal, RememberedSession } from '../auth/principal';
import type { SessionCache } from '../auth/session-cache';
import type { Keyring } from '../crypto/keyring';
import type { Database } from '../db/database';
import type { RoutePermission } from './permissions';

/** What the app hands every capability. */
export interface AppDeps {
  database: Database;
  keyring: Keyring;
  sessionIdleMinutes: number;
  secureCookies: boolean;
  /** E-mail is configured (UTVAG_SMTP_URL): password links go to the user's own address instead of to the administrator. */
  emailEnabled?: boolean;
  logLevel?: string;
  trustProxy?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /**
     * Set for the routes whose data is reached only through their access context (see
     * `checksSessionInTransaction`): a session this process remembers is checked in the transaction's first
     * write instead of being looked up before the handler.
     */
    sessionCheckedInTransaction?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** A remembered session the request runs on, until a transaction has checked it (`verified`). */
    sessionToCheck: { session: RememberedSession; verified: boolean } | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
    sessionCache: SessionCache;
  }
}
