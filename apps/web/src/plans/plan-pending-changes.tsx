import type { PendingPlanChange, PlanVersionView } from '@utvag/domain';
import { useRef, useState, type FormEvent } from 'react';
import { api, asApiError } from '../api/client';
import { useIdempotencyKey } from '../api/use-idempotency-key';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { failureMessage } from '../ui/form-errors';
import { SelectField } from '../ui/select-field';
import { TextAreaField } from '../ui/text-area-field';

/** An outcome carried into the editor's draft, not yet saved: it becomes the goal `goalId`, or with `actionId` that action under it. */
export interface CarriedDraft extends PendingPlanChange { goalId: string; actionId?: string }

/** Where a carried outcome now stands in the draft, by number: a goal, or an action under one. */
export interface CarriedPlace { goal: number; action?: number }

export const outcomeKey = (outcome: { meetingId: string; outcomeIndex: number }) => `${outcome.meetingId}-${outcome.outcomeIndex}`;

interface PendingChangesProps {
  caseId: string;
  planNumber: number;
  version: number;
  outcomes: readonly PendingPlanChange[];
  /** Where each carried outcome stands in the draft, by `outcomeKey`. */
  carriedPlaces: ReadonlyMap<string, CarriedPlace>;
  /** The draft's goals, to take an outcome up as an action under one of them. */
  goals: readonly { id: string; label: string }[];
  onCarry: (outcome: PendingPlanChange) => void;
  onCarryAsAction: (outcome: PendingPlanChange, goalId: string) => void;
  onUndo: (outcome: PendingPlanChange) => void;
  onDismissed: (plan: PlanVersionView) => void;
  onDecidedElsewhere: () => void;
}

/**
 * The meeting outcomes waiting for the plan, beside the draft: carry each in as a goal or as an action under
 * one of the draft's goals, or set it aside with a reason.
 */
export function PendingChanges({ caseId, planNumber, version, outcomes, carriedPlaces, goals, onCarry, onCarryAsAction, onUndo, onDismissed, onDecidedElsewhere }: PendingChangesProps) {
  const { t, date } = useI18n();
  return (
    <section aria-labelledby="plan-pending-heading" className="panel">
      <h3 id="plan-pending-heading">{t('outcomes.pendingTitle')}</h3>
      <p>{t('outcomes.pendingIntro')}</p>
      {outcomes.length === 0 && <p className="empty">{t('outcomes.pendingEmpty')}</p>}
      {outcomes.length > 0 && (
        <ul className="cards">
          {outcomes.map((outcome) => {
            const place = carriedPlaces.get(outcomeKey(outcome));
            return (
              <li key={outcomeKey(outcome)} className="card" aria-labelledby={`pending-${outcomeKey(outcome)}`}>
                <p className="meta" id={`pending-${outcomeKey(outcome)}`}>{t('outcomes.fromMeeting', { date: date(outcome.meetingStartsAt) })}</p>
                <p className="preserve-lines">{outcome.text}</p>
                {place !== undefined ? (
                  <div className="actions">
                    <span className="tag tag--ok">
                      {place.action === undefined ? t('outcomes.carriedTag', { number: place.goal }) : t('outcomes.carriedAsActionTag', { action: place.action, goal: place.goal })}
                    </span>
                    <button type="button" className="button button--secondary" onClick={() => onUndo(outcome)}>{t('outcomes.undoCarry')}</button>
                  </div>
                ) : (
                  <OutcomeActions caseId={caseId} planNumber={planNumber} version={version} outcome={outcome} goals={goals}
                    onCarry={() => onCarry(outcome)} onCarryAsAction={(goalId) => onCarryAsAction(outcome, goalId)}
                    onDismissed={onDismissed} onDecidedElsewhere={onDecidedElsewhere} />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

interface OutcomeActionsProps {
  caseId: string;
  planNumber: number;
  version: number;
  outcome: PendingPlanChange;
  goals: readonly { id: string; label: string }[];
  onCarry: () => void;
  onCarryAsAction: (goalId: string) => void;
  onDismissed: (plan: PlanVersionView) => void;
  onDecidedElsewhere: () => void;
}

function OutcomeActions({ caseId, planNumber, version, outcome, goals, onCarry, onCarryAsAction, onDismissed, onDecidedElsewhere }: OutcomeActionsProps) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const idempotency = useIdempotencyKey();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [goalId, setGoalId] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);
  const reasonId = `dismiss-reason-${outcomeKey(outcome)}`;
  const goalChoiceId = `carry-goal-${outcomeKey(outcome)}`;
  const chosenGoal = goals.some((goal) => goal.id === goalId) ? goalId : '';
  const formId = `dismiss-form-${outcomeKey(outcome)}`;

  const open = () => {
    setDismissing(true);
    requestAnimationFrame(() => document.getElementById(reasonId)?.focus());
  };
  const close = () => {
    setDismissing(false);
    setError(undefined);
    requestAnimationFrame(() => toggle.current?.focus());
  };

  const dismiss = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (reason.trim().length === 0) {
      setError(t('outcomes.dismissReasonMissing'));
      document.getElementById(reasonId)?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const plan = await api.post<PlanVersionView>(`/cases/${caseId}/plan/versions/${planNumber}/dismissals`, {
        version, meetingId: outcome.meetingId, outcomeIndex: outcome.outcomeIndex, reason,
      }, idempotency.key());
      idempotency.reset();
      announce(t('outcomes.dismissed'));
      onDismissed(plan);
    } catch (failure) {
      const apiError = asApiError(failure);
      idempotency.reset();
      if (apiError.code === 'outcome_already_decided') {
        announce(t('outcomes.alreadyDecided'));
        onDecidedElsewhere();
      } else {
        setError(apiError.code === 'stale_version' ? t('outcomes.stale') : failureMessage(apiError, t));
        document.getElementById(reasonId)?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onCarry}>{t('outcomes.carry')}</button>
        <button type="button" ref={toggle} className="button button--secondary" aria-expanded={dismissing} aria-controls={dismissing ? formId : undefined}
          onClick={() => (dismissing ? close() : open())}>
          {t('outcomes.dismiss')}
        </button>
      </div>
      {goals.length > 0 && (
        <div className="inline-choice">
          <SelectField id={goalChoiceId} label={t('outcomes.actionGoal')} value={chosenGoal} placeholder={t('outcomes.chooseGoal')}
            options={goals.map((goal) => ({ value: goal.id, label: goal.label }))} onChange={setGoalId} />
          <button type="button" className="button button--secondary" disabled={chosenGoal === ''} onClick={() => onCarryAsAction(chosenGoal)}>
            {t('outcomes.carryAsAction')}
          </button>
        </div>
      )}
      {dismissing && (
        <form id={formId} className="form" noValidate onSubmit={(event) => void dismiss(event)} aria-label={t('outcomes.dismissLegend')}>
          <TextAreaField id={reasonId} label={t('outcomes.dismissReason')} hint={t('outcomes.dismissReasonHint')} value={reason} onChange={setReason} error={error} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>{t('outcomes.dismissConfirm')}</button>
            <button type="button" className="button button--secondary" onClick={close}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
    </>
  );
}

/** Where a version's goals and actions came from: "From the meeting on 12 March: …". */
export function PlanOrigins({ plan }: { plan: PlanVersionView }) {
  const { t, date } = useI18n();
  if (plan.fromMeetings.length === 0) return null;
  return (
    <section aria-labelledby={`plan-origins-${plan.number}`}>
      <h3 id={`plan-origins-${plan.number}`}>{t('outcomes.provenanceTitle')}</h3>
      <p>{t('outcomes.provenanceIntro')}</p>
      <ul>
        {plan.fromMeetings.map((origin) => (
          <li key={outcomeKey(origin)}>
            {t(origin.actionId === null ? 'outcomes.provenanceItem' : 'outcomes.provenanceActionItem', { date: date(origin.meetingStartsAt), text: origin.text })}
          </li>
        ))}
      </ul>
    </section>
  );
}
