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
