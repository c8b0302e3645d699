import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { headersOf } from '../src/http/app';

describe('the security headers, made once', () => {
  const options = {
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } },
    referrerPolicy: { policy: 'no-referrer' as const },
  };

  it('are exactly those helmet sets on a real answer', () => {
    const request = new IncomingMessage(new Socket());
    const response = new ServerResponse(request);
    response.setHeader('X-Powered-By', 'something');
    let done = false;
    helmet(options)(request, response, () => { done = true; });
    expect(done).toBe(true);
    const made = Object.fromEntries(headersOf(helmet(options)));
    expect(made).toEqual(response.getHeaders());
    expect(made['content-security-policy']).toBe("default-src 'self';frame-ancestors 'none'");
    expect(made).not.toHaveProperty('x-powered-by');
  });

  it('refuse a middleware that does not finish at once, or fails', () => {
    expect(() => headersOf(() => undefined)).toThrow(/could not be made/);
    expect(() => headersOf((_request, _response, next) => next(new Error('no')))).toThrow(/could not be made/);
  });
});
