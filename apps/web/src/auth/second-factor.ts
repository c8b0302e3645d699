import { api, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';

/** Sends the six-digit code; the server answers with a new session and a new CSRF token, which replaces the old. */
export async function completeSecondFactor(code: string): Promise<Me> {
  const me = await api.post<Me>('/auth/second-factor', { code: code.replace(/\s/g, '') });
  setCsrfToken(me.csrfToken);
  return me;
}
