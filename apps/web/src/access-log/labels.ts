import type { Translate } from '../i18n/translate';

const actions = [
  'case.create', 'case.read', 'case.update', 'case.list', 'team.read', 'team.add', 'team.remove',
  'consent.read', 'consent.record', 'consent.withdraw', 'access_log.read', 'emergency_access.granted',
  'case.transition', 'case.course.read',
  'plan.read', 'plan.list', 'plan.compare', 'plan.create', 'plan.update', 'plan.agree',
  'plan.pending_changes.read', 'plan.outcome.dismiss',
  'meeting.read', 'meeting.create', 'meeting.update', 'meeting.minutes', 'meeting.cancel', 'meeting.calendar', 'calendar.feed',
  'decision.read', 'decision.initiate', 'decision.decide', 'decision.letter',
] as const;

const roles = ['coordinator', 'team_member', 'support_person', 'manager', 'intake', 'regional_coordinator', 'analyst', 'org_admin'] as const;

/** The audit action in plain words; an action this version does not know is shown as its code. */
export function actionLabel(t: Translate, action: string): string {
  const known = actions.find((each) => each === action);
  return known ? t(`auditAction.${known}`) : action;
}

/** The audit log stores the actor's roles comma-separated ("coordinator,manager"). */
export function rolesLabel(t: Translate, stored: string, list: (items: readonly string[]) => string): string {
  return list(stored.split(',').filter(Boolean).map((role) => {
    const known = roles.find((each) => each === role);
    return known ? t(`role.${known}`) : role;
  }));
}
