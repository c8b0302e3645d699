import { ApiError, api, asApiError, hasCsrfToken, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';

export type LoginStep = 'credentials' | 'second_factor';

export type Session =
  | { status: 'loading' }
  | { status: 'signed_out'; step: LoginStep; ended: boolean }
  | { status: 'signed_in'; me: Me };

/** Asks the server who is signed in; a half-finished login resumes at the code step when this tab still has its token. */
export async function loadSession(): Promise<Session> {
  try {
    const me = await api.get<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return { status: 'signed_in', me };
  } catch (error) {
    const failure = asApiError(error);
    if (failure.status !== 401) throw failure;
    const resume = failure.code === 'second_factor_required' && hasCsrfToken();
    return { status: 'signed_out', step: resume ? 'second_factor' : 'credentials', ended: false };
  }
}

export async function signOut(everywhere: boolean): Promise<void> {
  try {
    await api.post(everywhere ? '/auth/logout-everywhere' : '/auth/logout');
  } catch (error) {
    // A session that has already ended is the outcome we wanted.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  } finally {
    setCsrfToken(null);
  }
}
