import type { ActionStatus, LifeArea, PlanContent, PlanGoal } from '@utvag/domain';
import type { ApiError } from '../api/client';
import type { MessageKey, Translate } from '../i18n/translate';
import type { FormError } from '../ui/form-errors';

/** A plan being edited: every field as the form holds it (empty strings for dates not yet chosen). */
export interface ActionDraft {
  id: string;
  description: string;
  responsibleOrganisationId: string;
  responsibleUserId: string | null;
  startOn: string;
  endOn: string;
  status: ActionStatus;
  followUpOn: string;
}
export interface GoalDraft { id: string; lifeArea: LifeArea; participantWords: string; professionalWords: string; actions: ActionDraft[] }
export interface PlanDraft { followUpOn: string; goals: GoalDraft[] }

export function draftOf(content: PlanContent): PlanDraft {
  return {
    followUpOn: content.followUpOn ?? '',
    goals: content.goals.map((goal) => ({
      ...goal,
      actions: goal.actions.map((action) => ({ ...action, responsibleUserId: action.responsibleUserId ?? null, endOn: action.endOn ?? '' })),
    })),
  };
}

/** What the API receives; the server judges it with the same schema as packages/domain. */
export function contentOf(draft: PlanDraft): PlanContent {
  return {
    followUpOn: draft.followUpOn || null,
    goals: draft.goals.map((goal): PlanGoal => ({
      ...goal,
      actions: goal.actions.map((action) => ({ ...action, endOn: action.endOn || null })),
    })),
  };
}

export const newGoal = (): GoalDraft => ({ id: crypto.randomUUID(), lifeArea: 'protection_housing', participantWords: '', professionalWords: '', actions: [] });

export const newAction = (today: string): ActionDraft => ({
  id: crypto.randomUUID(), description: '', responsibleOrganisationId: '', responsibleUserId: null,
  startOn: today, endOn: '', status: 'planned', followUpOn: '',
});

/** Field ids carry the goal's and action's own ids, so they stay put when an earlier goal is removed. */
export const goalField = (goalId: string, field: string) => `plan-goal-${goalId}-${field}`;
export const actionField = (actionId: string, field: string) => `plan-action-${actionId}-${field}`;
export const followUpField = 'plan-follow-up';

const ruleMessages = {
  dates_out_of_order: 'plan.validation.datesOutOfOrder',
  responsible_organisation_required: 'plan.validation.responsibleOrganisationRequired',
  duplicate_id: 'plan.validation.duplicateId',
} as const satisfies Record<string, MessageKey>;
const codeMessages = {
  too_small: 'validation.tooSmall',
  too_big: 'validation.tooBig',
  invalid_format: 'plan.validation.date',
} as const satisfies Record<string, MessageKey>;
type IssueMessageKey = (typeof ruleMessages)[keyof typeof ruleMessages] | (typeof codeMessages)[keyof typeof codeMessages] | 'validation.invalid';

/** "body.content.goals.0.actions.1.endOn" → the id of that field in the form. */
function fieldIdOf(path: string, draft: PlanDraft): string | undefined {
  const parts = path.split('.');
  const at = parts.indexOf('goals');
  if (at < 0) return parts.at(-1) === 'followUpOn' ? followUpField : undefined;
  const goal = draft.goals[Number(parts[at + 1])];
  if (!goal) return undefined;
  if (parts[at + 2] === 'actions') {
    const action = goal.actions[Number(parts[at + 3])];
    return action && parts[at + 4] ? actionField(action.id, parts[at + 4]!) : undefined;
  }
  return parts[at + 2] ? goalField(goal.id, parts[at + 2]!) : undefined;
}

/** The errors of a refused save, each next to its field. */
export function planErrorsFrom(error: ApiError, draft: PlanDraft, t: Translate, fallback: (error: ApiError) => string): FormError[] {
  if (error.code === 'unknown_organisation') return [{ message: t('plan.validation.unknownOrganisation') }];
  if (error.code !== 'validation_failed' || error.issues.length === 0) return [{ message: fallback(error) }];
  return error.issues.map((issue) => {
    const key: IssueMessageKey = (ruleMessages as Record<string, IssueMessageKey>)[issue.message]
      ?? (codeMessages as Record<string, IssueMessageKey>)[issue.code] ?? 'validation.invalid';
    const fieldId = fieldIdOf(issue.path, draft);
    return fieldId ? { fieldId, message: t(key) } : { message: t(key) };
  });
}
