import { ActionStatus, LifeArea, type PendingPlanChange, type PendingPlanChanges, type PlanVersionView } from '@utvag/domain';
import { useEffect, useRef, useState } from 'react';
import { api, asApiError } from '../api/client';
import { useApiGet } from '../api/use-api-get';
import type { Organisation } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ErrorSummary } from '../ui/error-summary';
import { useFocusAfterRender } from '../ui/focus-after-render';
import { errorFor, failureMessage, type FormError } from '../ui/form-errors';
import { SelectField } from '../ui/select-field';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';
import { PlanConflict } from './plan-conflict';
import { PendingChanges, outcomeKey, type CarriedDraft, type CarriedPlace } from './plan-pending-changes';
import {
  actionField, contentOf, draftOf, followUpField, goalField, newAction, newGoal, planErrorsFrom,
  type ActionDraft, type GoalDraft, type PlanDraft,
} from './plan-draft';

interface PlanEditorProps {
  caseId: string;
  plan: PlanVersionView;
  organisations: readonly Organisation[];
  nameOf: (organisationId: string) => string | null;
  onSaved: () => void;
  onCancel: () => void;
  /** A meeting whose pending outcomes are carried in as soon as they are loaded ("start a draft from the meeting's outcomes"). */
  carryFromMeeting?: string | null;
}

const todayInSweden = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

/** Edits a draft: goals by life area, actions under them. A stale save opens the merge view instead of overwriting. */
export function PlanEditor({ caseId, plan, organisations, nameOf, onSaved, onCancel, carryFromMeeting = null }: PlanEditorProps) {
  const { t, date } = useI18n();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<PlanDraft>(() => draftOf(plan.content));
  const [version, setVersion] = useState(plan.version);
  const [base, setBase] = useState(plan.content);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<PlanVersionView | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [pending, reloadPending] = useApiGet<PendingPlanChanges>(`/cases/${caseId}/plan/pending-changes`);
  const [carried, setCarried] = useState<CarriedDraft[]>([]);
  const carriedFromMeeting = useRef(false);

  const lifeAreas = LifeArea.options.map((area) => ({ value: area, label: t(`plan.lifeArea.${area}`) }));
  const statuses = ActionStatus.options.map((status) => ({ value: status, label: t(`plan.actionStatus.${status}`) }));
  const organisationOptions = organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }));

  const changeGoal = (goalId: string, change: Partial<GoalDraft>) =>
    setDraft((current) => ({ ...current, goals: current.goals.map((goal) => (goal.id === goalId ? { ...goal, ...change } : goal)) }));
  const changeAction = (goalId: string, actionId: string, change: Partial<ActionDraft>) =>
    setDraft((current) => ({
      ...current,
      goals: current.goals.map((goal) => (goal.id !== goalId ? goal : {
        ...goal, actions: goal.actions.map((action) => (action.id === actionId ? { ...action, ...change } : action)),
      })),
    }));

  const focusLater = useFocusAfterRender();

  const addGoal = () => {
    const goal = newGoal();
    setDraft((current) => ({ ...current, goals: [...current.goals, goal] }));
    announce(t('plan.goalAdded', { number: draft.goals.length + 1 }));
    focusLater(goalField(goal.id, 'lifeArea'));
  };
  const removeGoal = (goalId: string) => {
    setDraft((current) => ({ ...current, goals: current.goals.filter((goal) => goal.id !== goalId) }));
    announce(t('plan.removed'));
    focusLater('plan-add-goal');
  };
  const addAction = (goal: GoalDraft, goalNumber: number) => {
    const action = newAction(todayInSweden());
    changeGoal(goal.id, { actions: [...goal.actions, action] });
    announce(t('plan.actionAdded', { number: goal.actions.length + 1, goal: goalNumber }));
    focusLater(actionField(action.id, 'description'));
  };
  const removeAction = (goal: GoalDraft, actionId: string) => {
    changeGoal(goal.id, { actions: goal.actions.filter((action) => action.id !== actionId) });
    announce(t('plan.removed'));
    focusLater(`plan-add-action-${goal.id}`);
  };

  const carryAll = (outcomes: readonly PendingPlanChange[]) => {
    const fresh = outcomes.filter((outcome) => !carried.some((each) => outcomeKey(each) === outcomeKey(outcome)));
    if (fresh.length === 0) return;
    const goals = fresh.map((outcome) => ({ ...newGoal(), professionalWords: outcome.text }));
    setDraft((current) => ({ ...current, goals: [...current.goals, ...goals] }));
    setCarried((current) => [...current, ...fresh.map((outcome, index) => ({ ...outcome, goalId: goals[index]!.id }))]);
    announce(t('outcomes.carried', { number: draft.goals.length + 1 }));
    focusLater(goalField(goals[0]!.id, 'participantWords'));
  };
  /** A meeting's decision is often a step towards a goal the plan already has: it becomes a new action under that goal. */
  const carryAsAction = (outcome: PendingPlanChange, goalId: string) => {
    const goalIndex = draft.goals.findIndex((goal) => goal.id === goalId);
    const goal = draft.goals[goalIndex];
    if (!goal || carried.some((each) => outcomeKey(each) === outcomeKey(outcome))) return;
    // Followed up with the plan unless the group says otherwise; only the responsible organisation is left to choose.
    const action = { ...newAction(todayInSweden()), description: outcome.text, followUpOn: draft.followUpOn };
    changeGoal(goalId, { actions: [...goal.actions, action] });
    setCarried((current) => [...current, { ...outcome, goalId, actionId: action.id }]);
    announce(t('outcomes.carriedAsAction', { action: goal.actions.length + 1, goal: goalIndex + 1 }));
    focusLater(actionField(action.id, 'responsibleOrganisationId'));
  };
  const undoCarry = (outcome: PendingPlanChange) => {
    const undone = carried.find((each) => outcomeKey(each) === outcomeKey(outcome));
    setCarried((current) => current.filter((each) => outcomeKey(each) !== outcomeKey(outcome)));
    if (undone?.actionId) {
      const { goalId, actionId } = undone;
      setDraft((current) => ({
        ...current, goals: current.goals.map((goal) => (goal.id !== goalId ? goal : { ...goal, actions: goal.actions.filter((action) => action.id !== actionId) })),
      }));
    } else if (undone) {
      setDraft((current) => ({ ...current, goals: current.goals.filter((goal) => goal.id !== undone.goalId) }));
    }
    announce(t('outcomes.undone'));
    focusLater('plan-pending-heading');
  };
  const dismissed = (saved: PlanVersionView) => {
    setVersion(saved.version);
    reloadPending();
    focusLater('plan-pending-heading');
  };

  // Starting a draft from a meeting's card carries that meeting's pending outcomes in at once.
  useEffect(() => {
    if (!carryFromMeeting || carriedFromMeeting.current || pending.status !== 'ready') return;
    carriedFromMeeting.current = true;
    carryAll(pending.data.outcomes.filter((outcome) => outcome.meetingId === carryFromMeeting));
  });

  /** Where a carried outcome stands in the draft now; none when its goal or action was removed since. */
  const placeOf = (each: CarriedDraft): CarriedPlace | undefined => {
    const goalIndex = draft.goals.findIndex((goal) => goal.id === each.goalId);
    if (goalIndex < 0) return undefined;
    if (each.actionId === undefined) return { goal: goalIndex + 1 };
    const actionIndex = draft.goals[goalIndex]!.actions.findIndex((action) => action.id === each.actionId);
    return actionIndex < 0 ? undefined : { goal: goalIndex + 1, action: actionIndex + 1 };
  };
  const carriedPlaces = new Map(carried.flatMap((each) => {
    const place = placeOf(each);
    return place === undefined ? [] : [[outcomeKey(each), place] as const];
  }));
  const goalChoices = draft.goals.map((goal, index) => ({ id: goal.id, label: t('outcomes.goalChoice', { number: index + 1, area: t(`plan.lifeArea.${goal.lifeArea}`) }) }));
  const origins = [...carried, ...plan.fromMeetings.filter((origin) => !carried.some((each) => outcomeKey(each) === outcomeKey(origin)))];
  const originOf = (goalId: string, actionId?: string) =>
    origins.find((each) => each.goalId === goalId && (each.actionId ?? undefined) === actionId);

  const save = async () => {
    setErrors([]);
    setSaving(true);
    try {
      const carriedOutcomes = carried.filter((each) => placeOf(each) !== undefined)
        .map(({ meetingId, outcomeIndex, goalId, actionId }) => ({ meetingId, outcomeIndex, goalId, ...(actionId ? { actionId } : {}) }));
      await api.put<PlanVersionView>(`/cases/${caseId}/plan/versions/${plan.number}`, { version, content: contentOf(draft), carriedOutcomes });
      announce(t('plan.saved'));
      onSaved();
    } catch (error) {
      const failure = asApiError(error);
      const current = failure.details.current as PlanVersionView | undefined;
      if (failure.code === 'stale_version' && current) setConflict(current);
      else {
        if (failure.code === 'outcome_already_decided') reloadPending();
        setErrors(planErrorsFrom(failure, draft, t, (e) => (e.code === 'plan_not_draft' ? t('plan.stale')
          : e.code === 'outcome_already_decided' ? t('outcomes.alreadyDecided') : failureMessage(e, t))));
      }
    } finally {
      setSaving(false);
    }
  };

  const applyMerge = (merged: PlanDraft, currentVersion: number) => {
    setDraft(merged);
    setVersion(currentVersion);
    if (conflict) setBase(conflict.content);
    setConflict(null);
    announce(t('plan.conflict.applied'));
    headingRef.current?.focus();
  };

  if (conflict) {
    return (
      <PlanConflict base={base} mine={draft} theirs={conflict} nameOf={nameOf} onApply={applyMerge} onReload={onSaved} />
    );
  }

  return (
    <section aria-labelledby="plan-edit-heading">
      <h2 id="plan-edit-heading" ref={headingRef} tabIndex={-1}>{t('plan.editTitle', { number: plan.number })}</h2>
      <p>{t('plan.editIntro')}</p>
      {pending.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(pending.error, t)}</p>}
      {pending.status === 'ready' && (
        <PendingChanges
          caseId={caseId} planNumber={plan.number} version={version} outcomes={pending.data.outcomes} carriedPlaces={carriedPlaces} goals={goalChoices}
          onCarry={(outcome) => carryAll([outcome])} onCarryAsAction={carryAsAction} onUndo={undoCarry} onDismissed={dismissed}
          onDecidedElsewhere={reloadPending}
        />
      )}
      <form className="form" noValidate onSubmit={(event) => { event.preventDefault(); void save(); }}>
        <ErrorSummary errors={errors} />
        <TextField
          id={followUpField} type="date" label={t('plan.followUpOn')} value={draft.followUpOn}
          onChange={(followUpOn) => setDraft((current) => ({ ...current, followUpOn }))} error={errorFor(errors, followUpField)}
        />
        {draft.goals.map((goal, goalIndex) => {
          const goalNumber = goalIndex + 1;
          const origin = originOf(goal.id);
          return (
            <fieldset key={goal.id} className="panel plan-goal-editor">
              <legend>{t('plan.goalLegend', { number: goalNumber })}</legend>
              {origin && (
                <p className="meta">
                  {t('outcomes.provenanceItem', { date: date(origin.meetingStartsAt), text: origin.text })} {t('outcomes.goalHint')}
                </p>
              )}
              <SelectField
                id={goalField(goal.id, 'lifeArea')} label={t('plan.lifeArea')} value={goal.lifeArea} options={lifeAreas}
                onChange={(lifeArea) => lifeArea && changeGoal(goal.id, { lifeArea })} error={errorFor(errors, goalField(goal.id, 'lifeArea'))}
              />
              <TextAreaField
                id={goalField(goal.id, 'participantWords')} label={t('plan.participantWords')} value={goal.participantWords}
                onChange={(participantWords) => changeGoal(goal.id, { participantWords })} error={errorFor(errors, goalField(goal.id, 'participantWords'))}
              />
              <TextAreaField
                id={goalField(goal.id, 'professionalWords')} label={t('plan.professionalWords')} value={goal.professionalWords}
                onChange={(professionalWords) => changeGoal(goal.id, { professionalWords })} error={errorFor(errors, goalField(goal.id, 'professionalWords'))}
              />
              {goal.actions.map((action, actionIndex) => {
                const field = (name: string) => actionField(action.id, name);
                const actionOrigin = originOf(goal.id, action.id);
                return (
                  <fieldset key={action.id} className="plan-action-editor">
                    <legend>{t('plan.actionLegend', { number: actionIndex + 1, goal: goalNumber })}</legend>
                    {actionOrigin && <p className="meta">{t('outcomes.provenanceActionItem', { date: date(actionOrigin.meetingStartsAt), text: actionOrigin.text })}</p>}
                    <TextField id={field('description')} label={t('plan.action.description')} value={action.description}
                      onChange={(description) => changeAction(goal.id, action.id, { description })} error={errorFor(errors, field('description'))} />
                    <SelectField id={field('responsibleOrganisationId')} label={t('plan.action.responsibleOrganisation')} value={action.responsibleOrganisationId}
                      options={organisationOptions} placeholder={t('plan.action.chooseOrganisation')}
                      onChange={(responsibleOrganisationId) => changeAction(goal.id, action.id, { responsibleOrganisationId, responsibleUserId: null })}
                      error={errorFor(errors, field('responsibleOrganisationId'))} />
                    <TextField id={field('startOn')} type="date" label={t('plan.action.startOn')} value={action.startOn}
                      onChange={(startOn) => changeAction(goal.id, action.id, { startOn })} error={errorFor(errors, field('startOn'))} />
                    <TextField id={field('endOn')} type="date" label={t('plan.action.endOn')} hint={t('plan.action.endOnHint')} value={action.endOn}
                      onChange={(endOn) => changeAction(goal.id, action.id, { endOn })} error={errorFor(errors, field('endOn'))} />
                    <SelectField id={field('status')} label={t('plan.action.status')} value={action.status} options={statuses}
                      onChange={(status) => status && changeAction(goal.id, action.id, { status })} error={errorFor(errors, field('status'))} />
                    <TextField id={field('followUpOn')} type="date" label={t('plan.action.followUpOn')} value={action.followUpOn}
                      onChange={(followUpOn) => changeAction(goal.id, action.id, { followUpOn })} error={errorFor(errors, field('followUpOn'))} />
                    <button type="button" className="button button--secondary" onClick={() => removeAction(goal, action.id)}>
                      {t('plan.removeAction', { number: actionIndex + 1, goal: goalNumber })}
                    </button>
                  </fieldset>
                );
              })}
              <div className="actions">
                <button type="button" id={`plan-add-action-${goal.id}`} className="button button--secondary" onClick={() => addAction(goal, goalNumber)}>
                  {t('plan.addAction', { number: goalNumber })}
                </button>
                <button type="button" className="button button--secondary" onClick={() => removeGoal(goal.id)}>
                  {t('plan.removeGoal', { number: goalNumber })}
                </button>
              </div>
            </fieldset>
          );
        })}
        <p><button type="button" id="plan-add-goal" className="button button--secondary" onClick={addGoal}>{t('plan.addGoal')}</button></p>
        <div className="actions">
          <button type="submit" className="button" disabled={saving}>{t('plan.save')}</button>
          <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      </form>
    </section>
  );
}
