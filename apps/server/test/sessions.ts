import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { SESSION_COOKIE } from '../src/auth/principal';
import { currentTotp } from '../src/auth/totp';
import type { TestEnv, TestUser } from './helpers';

/**
 * The browser's login flow driven through HTTP with cookies. Each call gets its own client address, so
 * the login rate limits (per address and per e-mail) of one test never affect another.
 */
let addressCounter = 0;
export const nextAddress = () => { addressCounter += 1; return `10.20.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`; };

const PERIOD_MS = 30_000;
/** The TOTP code `steps` periods from now; the server accepts one step of drift either way. */
export const code = (secret: string, steps = 0) => currentTotp(secret, Date.now() + steps * PERIOD_MS);

export interface Client { address: string; cookie?: string; csrf?: string }

export function request(env: TestEnv, client: Client, method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}) {
  return env.app.inject({
    method,
    url,
    remoteAddress: client.address,
    payload: payload as InjectOptions['payload'],
    cookies: client.cookie ? { [SESSION_COOKIE]: client.cookie } : undefined,
    headers: { ...(client.csrf ? { 'x-csrf-token': client.csrf } : {}), ...headers },
  });
}

export function sessionCookieOf(response: LightMyRequestResponse): string | undefined {
  return response.cookies.find((cookie) => cookie.name === SESSION_COOKIE)?.value;
}

export function setCookieHeader(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  const found = all.find((value) => value.startsWith(`${SESSION_COOKIE}=`));
  if (!found) throw new Error('no session cookie was set');
  return found;
}

export async function passwordStep(env: TestEnv, email: string, password: string, address = nextAddress()) {
  const client: Client = { address };
  const response = await request(env, client, 'POST', '/api/v1/auth/login', { email, password });
  if (response.statusCode === 200) {
    client.cookie = sessionCookieOf(response);
    client.csrf = response.json().csrfToken;
  }
  return { response, client };
}

/** Password and second factor; returns a client holding the session cookie and CSRF token that result. */
export async function fullLogin(env: TestEnv, user: TestUser, steps = 0): Promise<Client> {
  const { response, client } = await passwordStep(env, user.email, user.password);
  expect(response.statusCode, response.body).toBe(200);
  const second = await request(env, client, 'POST', '/api/v1/auth/second-factor', { code: code(user.totpSecret, steps) });
  expect(second.statusCode, second.body).toBe(200);
  return { address: client.address, cookie: sessionCookieOf(second), csrf: second.json().csrfToken };
}

