/**
 * Every route declares one of these where it is defined. `public` and `password_verified` are
 * enforced by the request hook alone; every other name requires a staff member who has passed the
 * second factor, and the named rule from packages/domain is applied by the service to the case.
 */
export const RoutePermission = [
  'public',
  'password_verified',
  'authenticated',
  'directory.read',
  'case.list',
  'case.create',
  'case.read',
  'case.edit',
  'case.transition',
  'team.manage',
  'consent.record',
  'journal.read',
  'journal.write',
  'plan.read',
  'plan.edit',
  'plan.agree',
  'meeting.read',
  'meeting.schedule',
  'decision.read',
  'decision.initiate',
  'decision.decide',
  'delegation.manage',
  'access_log.read',
  'emergency_access.request',
  'transfer.request',
  'transfer.decide',
  'notifications.read',
  'work_list.read',
  'manager_overview.read',
] as const;
export type RoutePermission = (typeof RoutePermission)[number];
