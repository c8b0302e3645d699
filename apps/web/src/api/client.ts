export interface ValidationIssue {
  path: string;
  code: string;
  message: string;
}

/** An answer from the API that was not a success, or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly ValidationIssue[] = [],
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

const CSRF_STORAGE_KEY = 'utvag.csrf';
// Kept for this tab only, so a login interrupted between password and code can still be finished after a reload.
let csrfToken: string | null = sessionStorage.getItem(CSRF_STORAGE_KEY);

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  if (token) sessionStorage.setItem(CSRF_STORAGE_KEY, token);
  else sessionStorage.removeItem(CSRF_STORAGE_KEY);
}

export function hasCsrfToken(): boolean {
  return csrfToken !== null;
}

let sessionEnded: () => void = () => {};

/** Called when the server says the session is gone (idle timeout, logged out elsewhere). */
export function onSessionEnded(listener: () => void): () => void {
  sessionEnded = listener;
  return () => {
    if (sessionEnded === listener) sessionEnded = () => {};
  };
}

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: ValidationIssue[]; details?: Record<string, unknown> };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown, idempotencyKey?: string, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as ErrorBody | null)?.error ?? {};
    // Retry-After (seconds) travels with the details, so a page can say how long to wait.
    const retryAfter = Number(response.headers.get('retry-after'));
    const details = { ...error.details, ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
    // The server stopped the request before it read or wrote anything, because the account changed (another
    // role, another name) since the session was last looked up; it has looked it up again, so asking once more
    // runs the request with the account as it is now.
    if (response.status === 409 && error.code === 'account_changed' && !retried) return request<T>(method, path, body, idempotencyKey, true);
    const failure = new ApiError(response.status, error.code ?? 'unknown', error.message ?? response.statusText, error.issues ?? [], details);
    // The login steps answer 401 as part of logging in; any other request that does has lost its session.
    if (failure.status === 401 && failure.code === 'unauthorized' && (!path.startsWith('/auth/') || path === '/auth/password-change')) sessionEnded();
    throw failure;
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown, idempotencyKey?: string) => request<T>('POST', path, body, idempotencyKey),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'unexpected', error instanceof Error ? error.message : String(error));
}
