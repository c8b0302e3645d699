import type { Principal } from '../auth/principal';
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
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}
