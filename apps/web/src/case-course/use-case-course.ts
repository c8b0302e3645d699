import type { CaseCourseView, ClosingReason } from '@utvag/domain';
import { useCallback } from 'react';
import { api, asApiError } from '../api/client';
import type { Translate } from '../i18n/translate';
import { failureMessage } from '../ui/form-errors';
import { ruleMessageKey } from './labels';

/** A transition's body without the version; the section adds the version the user saw. */
export interface TransitionBody {
  to: CaseCourseView['status'];
  reason?: string;
  closingReason?: ClosingReason;
  checkInOn?: string;
}

export type TransitionResult =
  | { outcome: 'moved'; course: CaseCourseView }
  | { outcome: 'stale' }
  | { outcome: 'refused'; rule: string; message: string }
  | { outcome: 'failed'; message: string };

/** Posts a transition with `version`; a stale version and a broken rule come back as results, not throws. */
export function useTransition(caseId: string, version: number, t: Translate): (body: TransitionBody) => Promise<TransitionResult> {
  return useCallback(async (body) => {
    try {
      const course = await api.post<CaseCourseView>(`/cases/${caseId}/transitions`, { version, ...body });
      return { outcome: 'moved', course };
    } catch (error) {
      const failure = asApiError(error);
      if (failure.status === 409 && failure.code === 'stale_version') return { outcome: 'stale' };
      const key = failure.status === 422 ? ruleMessageKey(failure.code) : null;
      if (key) return { outcome: 'refused', rule: failure.code, message: t(key) };
      return { outcome: 'failed', message: failureMessage(failure, t) };
    }
  }, [caseId, version, t]);
}
