import type { MeetingView, PlanVersionView } from '@utvag/domain';
import { useState } from 'react';
import { api, asApiError } from '../api/client';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { navigate } from '../app/router';
import { paths } from '../app/routes';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { failureMessage } from '../ui/form-errors';

/** What became of one plan-change outcome of a held meeting: taken up by a plan version, set aside, or still waiting. */
export function OutcomeStatus({ meeting, index }: { meeting: MeetingView; index: number }) {
  const { t } = useI18n();
  if (!meeting.minutes?.outcomes[index]?.planChange) return null;
  const decision = meeting.outcomeDecisions.find((each) => each.outcomeIndex === index);
  if (decision?.planNumber != null) return <> <span className="tag tag--ok">{t('outcomes.meetingCarried', { number: decision.planNumber })}</span></>;
  if (decision?.dismissedReason != null) return <> <span className="tag">{t('outcomes.meetingDismissed', { reason: decision.dismissedReason })}</span></>;
  return <> <span className="tag">{t('outcomes.meetingPending')}</span></>;
}

/** Does the meeting have plan-change outcomes that nothing has been decided about yet? */
export function hasPendingPlanChanges(meeting: MeetingView): boolean {
  return (meeting.minutes?.outcomes ?? []).some((outcome, index) =>
    outcome.planChange && !meeting.outcomeDecisions.some((decision) => decision.outcomeIndex === index));
}

/** Starts a plan draft from the agreed plan and opens it with this meeting's pending outcomes carried in. */
export function StartDraftFromMeeting({ caseId, meeting }: { caseId: string; meeting: MeetingView }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const idempotency = useIdempotencyKey();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setFailure(null);
    setBusy(true);
    try {
      await api.post<PlanVersionView>(`/cases/${caseId}/plan/versions`, {}, idempotency.key());
    } catch (error) {
      const apiError = asApiError(error);
      // Someone started a draft meanwhile: carry the outcomes into theirs.
      if (apiError.code !== 'plan_draft_exists') {
        setFailure(failureMessage(apiError, t));
        setBusy(false);
        return;
      }
    }
    idempotency.reset();
    announce(t('outcomes.draftStarted'));
    navigate(`${paths.plan(caseId)}?carry=${meeting.id}`);
  };

  return (
    <>
      <button type="button" className="button button--secondary" disabled={busy} onClick={() => void start()}>{t('outcomes.startDraft')}</button>
      {failure && <p className="notice notice--error" role="alert">{failure}</p>}
    </>
  );
}
