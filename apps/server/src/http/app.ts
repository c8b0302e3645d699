import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { authRoutes } from '../auth/routes';
import { SESSION_COOKIE, principalFromToken } from '../auth/principal';
import { csrfMatches } from '../auth/service';
import { SessionCache, checksSessionInTransaction, recheckSession, sessionPrincipal } from '../auth/session-cache';
import { hashToken } from '../auth/tokens';
import { accessLogRoutes } from '../access-log/routes';
import { caseCourseRoutes } from '../case-course/routes';
import { caseRoutes } from '../cases/routes';
import { consentRoutes } from '../consent/routes';
import { costRoutes } from '../costs/routes';
import { decisionRoutes } from '../decisions/routes';
import { ping } from '../db/database';
import { directoryPublicRoutes } from '../directory/public-routes';
import { directoryEntryRoutes } from '../directory/routes';
import { emergencyAccessRoutes } from '../emergency-access/routes';
import { journalRoutes } from '../journal/routes';
import { inboxRoutes } from '../mailbox/routes';
import { mailboxVisitorRoutes } from '../mailbox/visitor-routes';
import { calendarFeedRoutes, meetingRoutes } from '../meetings/routes';
import { userRoutes } from '../users/routes';
import { notificationRoutes } from '../notifications/routes';
import { organisationRoutes } from '../organisations/routes';
import { outreachRoutes } from '../outreach/routes';
import { planRoutes } from '../plans/routes';
import { screeningRoutes } from '../screening/routes';
import { publicSiteRoutes } from '../public-site/routes';
import { teamRoutes } from '../team/routes';
import { transferRoutes } from '../transfers/routes';
import { workListRoutes } from '../work-lists/routes';
import { handleError } from './error-handler';
import { ForbiddenError, UnauthorizedError } from './errors';
import type { AppDeps } from './augment';
import { RoutePermission } from './permissions';

export type App = FastifyInstance;

const webDist = fileURLToPath(new URL('../../../web/dist/', import.meta.url));
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The headers a middleware sets on an answer that has none yet, found by running it once on a stand-in
 * answer. Only for a middleware whose headers never depend on the request; it may set headers and remove
 * ones that are not there, and do nothing else.
 */
export function headersOf(middleware: Middleware): [string, string | string[]][] {
  const headers = new Map<string, string | string[]>();
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers.set(name.toLowerCase(), typeof value === 'number' ? String(value) : typeof value === 'string' ? value : [...value]);
    },
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  let failure: unknown;
  let finished = false;
  middleware({ headers: {} } as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
    finished = true;
  });
  if (!finished || failure) throw new Error('The security headers could not be made.', { cause: failure });
  return [...headers];
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: deps.logLevel ?? 'warn',
      // Requests are logged by method, route and status; never bodies, cookies or tokens.
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'req.url',
          // A visitor's address is never written anywhere, logs included (the anonymous mailbox promises it).
          'req.remoteAddress', 'req.remotePort', 'req.headers["x-forwarded-for"]', 'req.headers["x-real-ip"]', 'req.headers.forwarded'],
        // A calendar feed's address is its credential: the URL is logged with the secret cut out.
        censor: (value: unknown, path: string[]) =>
          path.at(-1) === 'url' && typeof value === 'string' ? value.replace(/^\/calendar\/[^/?#]+/, '/calendar/[feed]') : '[Redacted]',
      },
    },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 256 * 1024,
    trustProxy: deps.trustProxy ?? false,
  });
  app.decorate('deps', deps);
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionToCheck', null);
  app.decorate('sessionCache', new SessionCache());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    const internal = route.url.startsWith('/api/docs') || route.url.startsWith('/app') || route.url === '/api/openapi.json';
    if (!internal && (!permission || !RoutePermission.includes(permission))) {
      throw new Error(`Route ${route.method} ${route.url} declares no permission.`);
    }
  });

  // The security headers, made once: helmet decides them from its options alone (no nonce, nothing from the
  // request), so its middleware runs once here and every answer gets the headers it set.
  const securityHeaders = headersOf(helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  }));
  // With them the request id, and for the API an answer no cache may keep. Set as the request comes in, they go
  // with every answer, errors included, without a hook of their own at the answer.
  app.addHook('onRequest', (request, reply, done) => {
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    reply.raw.setHeader('x-request-id', request.id);
    if (request.url.startsWith('/api/')) reply.raw.setHeader('cache-control', 'no-store');
    done();
  });
  await app.register(fastifyCookie);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Utväg API', version: '1', description: 'Cases, teams and consent for the exit program and the program for children.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
  });

  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config?.permission;
    if (!permission || permission === 'public') return;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.principal = await principalFromToken(deps.database.db, authorization.slice(7).trim());
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      request.principal = cookie ? await sessionPrincipal(request, hashToken(cookie)) : null;
      if (request.principal?.session && !SAFE_METHODS.has(request.method)) {
        const header = request.headers['x-csrf-token'];
        if (!csrfMatches(request.principal.session.csrfToken, typeof header === 'string' ? header : undefined)) {
          throw new ForbiddenError('csrf_failed', 'The request lacks a valid CSRF token. Reload the page.');
        }
      }
    }
    if (!request.principal) throw new UnauthorizedError();
    const secondFactorDone = request.principal.tokenId !== null || request.principal.session?.secondFactorDone === true;
    if (permission !== 'password_verified' && !secondFactorDone) {
      throw new UnauthorizedError('second_factor_required', 'Complete login with your second factor.');
    }
  });

  // A request that answers without its remembered session having been checked in a transaction has read
  // nothing from the database; its session is looked up now, and an ended one gets 401 instead of the answer.
  // (A hook with a callback, so that the answers that need no look-up, nearly all, wait for no promise.)
  app.addHook('onSend', (request, reply, payload, done) => {
    const toCheck = request.sessionToCheck;
    if (!toCheck || toCheck.verified || reply.statusCode >= 400) {
      done(null, payload);
      return;
    }
    recheckSession(request).then((error) => {
      if (!error) {
        done(null, payload);
        return;
      }
      reply.code(error.statusCode).type('application/json; charset=utf-8');
      done(null, JSON.stringify({ error: { code: error.code, message: error.message } }));
    }, done);
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/healthz', { config: { permission: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  api.get('/readyz', { config: { permission: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const ok = await ping(deps.database.db);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database_unreachable' });
  });
  api.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (scope) => {
      await scope.register(authRoutes);
      await scope.register(organisationRoutes);
      await scope.register(meetingRoutes);
      await scope.register(userRoutes);
      // These capabilities reach data only through the request's access context.
      await scope.register(async (checked) => {
        checksSessionInTransaction(checked);
        await checked.register(caseRoutes);
        await checked.register(caseCourseRoutes);
        await checked.register(teamRoutes);
        await checked.register(transferRoutes);
        await checked.register(consentRoutes);
        await checked.register(journalRoutes);
        await checked.register(planRoutes);
        await checked.register(decisionRoutes);
        await checked.register(costRoutes);
        await checked.register(emergencyAccessRoutes);
        await checked.register(accessLogRoutes);
        await checked.register(workListRoutes);
        await checked.register(notificationRoutes);
        await checked.register(inboxRoutes);
        await checked.register(outreachRoutes);
        await checked.register(screeningRoutes);
        await checked.register(directoryEntryRoutes);
      });
    },
    { prefix: '/api/v1' },
  );

  await app.register(calendarFeedRoutes);

  if (existsSync(webDist + 'index.html')) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/app/', index: 'index.html', wildcard: false });
    app.get('/app/*', { config: {} }, (_request, reply) => reply.sendFile('index.html'));
  } else {
    app.get('/app/*', { config: {} }, (_request, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The staff app is not built. Run: npm run build -w @utvag/web'));
  }
  app.get('/app', { config: {} }, (_request, reply) => reply.redirect('/app/'));
  await app.register(publicSiteRoutes);
  await app.register(mailboxVisitorRoutes);
  await app.register(directoryPublicRoutes);

  return app;
}
