/**
 * Every public endpoint (the site's pages, the mailbox's pages and forms, and whatever else declares
 * `public`) under thousands of random and malformed requests: odd paths, queries, cookies, content
 * types and bodies, with and without a live mailbox session and a valid form token. None may answer
 * with a server error.
 */
import type * as FastifyModule from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeclaredRoute } from './declared-routes';
import { formToken } from '../src/mailbox/abuse';
import { setMailboxReceiver } from '../src/mailbox/service';
import { testEnv, organisations, type TestEnv } from './helpers';

// The routes are collected as they are declared (as route-permissions.test.ts does).
const declared = vi.hoisted(() => [] as DeclaredRoute[]);
vi.mock('fastify', async (importOriginal) =>
  (await import('./declared-routes')).recordingDeclaredRoutes(await importOriginal<typeof FastifyModule>(), declared));

let env: TestEnv;
let sessionCookie = '';
let sessionId = '';

beforeAll(async () => {
  env = await testEnv();
  await env.app.ready();
  await setMailboxReceiver(env.database.db, await organisations.municipality(env), true);
  // One live mailbox, so the fuzzer also reaches the pages behind a session.
  const body = new URLSearchParams({ token: formToken(env.keyring, '', Date.now() - 10_000), message: 'Hej', language: 'sv' });
  const created = await env.app.inject({ method: 'POST', url: '/mailbox', payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(created.statusCode, created.body).toBe(303);
  sessionCookie = [created.headers['set-cookie']].flat().find((value) => value?.startsWith('utvag_mailbox='))!.split(';')[0]!.slice('utvag_mailbox='.length);
  sessionId = (await import('../src/auth/tokens')).hashToken(sessionCookie);
});
afterAll(async () => { await env?.close(); });

const publicRoutes = () => declared.filter((route) => route.permission === 'public' && route.method !== 'HEAD' && !route.url.startsWith('/api/'));

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', 'sv', 'en', 'sv-ll', 'ar', 'xx', '..', '%', '%00', '%ZZ', '<script>', "' or 1=1 --", '\u0000', 'a'.repeat(3000), '1880', 'county:18', 'county:99'),
);
const segment = nasty.map((value) => encodeURIComponent(value).slice(0, 2500) || 'x');

/** A URL for the route with random parameters and a random query string. */
const urlFor = (route: DeclaredRoute) => fc.tuple(fc.array(segment, { minLength: 4, maxLength: 4 }), fc.option(fc.dictionary(fc.string({ maxLength: 10 }), nasty, { maxKeys: 4 })))
  .map(([values, query]) => {
    let index = 0;
    const path = route.url.replace(/:[A-Za-z]+/g, () => values[index++ % values.length]!).replace(/\*/g, values[3]!);
    const search = query ? new URLSearchParams(query as Record<string, string>).toString() : '';
    return search ? `${path}?${search}` : path;
  });

const formFields = fc.dictionary(
  fc.constantFrom('message', 'language', 'age', 'place', 'website', 'token', 'code', 'passphrase', 'share', 'x'),
  fc.oneof(nasty, fc.array(nasty, { maxLength: 3 })),
  { maxKeys: 8 },
);

const body = fc.oneof(
  formFields.map((fields) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) search.append(key, item);
    return { contentType: 'application/x-www-form-urlencoded', payload: search.toString() };
  }),
  fc.string({ maxLength: 300 }).map((text) => ({ contentType: 'application/x-www-form-urlencoded', payload: text })),
  fc.jsonValue().map((value) => ({ contentType: 'application/json', payload: JSON.stringify(value) })),
  fc.string({ maxLength: 100 }).map((text) => ({ contentType: 'application/json', payload: text })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ contentType: 'application/octet-stream', payload: Buffer.from(bytes).toString('latin1') })),
  fc.string({ maxLength: 50 }).map((text) => ({ contentType: 'multipart/form-data; boundary=x', payload: text })),
  fc.constant({ contentType: 'application/x-www-form-urlencoded', payload: `message=${'a'.repeat(300_000)}` }),
  fc.constant({ contentType: 'text/plain', payload: 'message=hej' }),
);

/** With a valid session and form token some of the time, so the deeper branches run too. */
const context = fc.record({
  cookie: fc.constantFrom('none', 'live', 'random'),
  token: fc.boolean(),
  acceptEncoding: fc.constantFrom(undefined, 'gzip', 'br', 'identity;q=0', 'x, y;q=abc'),
});

describe('public endpoints under fuzzing', () => {
  it('never answer with a server error', async () => {
    const routes = publicRoutes();
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.map((route) => route.url)).toEqual(expect.arrayContaining(['/mailbox', '/:lang/mailbox', '/mailbox/open', '/mailbox/conversation']));
    let requests = 0;
    for (const route of routes) {
      const runs = route.method === 'POST' ? 150 : 60;
      await fc.assert(fc.asyncProperty(urlFor(route), body, context, fc.string({ maxLength: 30 }), async (url, sent, ctx, randomCookie) => {
        const cookie = ctx.cookie === 'live' ? sessionCookie : ctx.cookie === 'random' ? encodeURIComponent(randomCookie) : null;
        let payload = sent.payload;
        if (ctx.token && sent.contentType === 'application/x-www-form-urlencoded') {
          const binding = ctx.cookie === 'live' ? sessionId : '';
          payload += `&token=${encodeURIComponent(formToken(env.keyring, binding, Date.now() - 10_000))}`;
        }
        const response = await env.app.inject({
          method: route.method as 'GET' | 'POST',
          url,
          headers: {
            ...(cookie ? { cookie: `utvag_mailbox=${cookie}` } : {}),
            ...(ctx.acceptEncoding ? { 'accept-encoding': ctx.acceptEncoding } : {}),
            ...(route.method === 'POST' ? { 'content-type': sent.contentType } : {}),
          },
          ...(route.method === 'POST' ? { payload } : {}),
        });
        requests += 1;
        // A random language segment can spell `app`: before the staff app is built (the server tests run
        // before the build), /app/* says so with a 503, on purpose.
        if (url.startsWith('/app/') && response.statusCode === 503 && response.body.includes('The staff app is not built')) return;
        expect(response.statusCode, `${route.method} ${url} → ${response.statusCode}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
      }), { numRuns: runs });
    }
    expect(requests).toBeGreaterThan(2000);
  }, 900_000);
});
