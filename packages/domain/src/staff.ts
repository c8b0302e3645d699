import { z } from 'zod';
import type { Actor } from './access';
import { Role } from './organisations';

/**
 * Staff accounts of one organisation, as its administrator (`org_admin`, systemförvaltare) keeps them:
 * who works here, in which roles, and who no longer does.
 */

/** `invited`: no password chosen yet; `active`: can log in; `disabled`: can no longer log in at all. */
export const StaffStatus = z.enum(['invited', 'active', 'disabled']);
export type StaffStatus = z.infer<typeof StaffStatus>;

const name = z.string().trim().min(1).max(200);
const title = z.string().trim().max(200).nullable();
const roles = z.array(Role).min(1).max(Role.options.length).refine((list) => new Set(list).size === list.length, { message: 'roles_repeated' });

export const StaffUser = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  title: z.string().nullable(),
  roles: z.array(Role),
  status: StaffStatus,
  /** The second factor is enrolled; when false the next login enrols it. */
  secondFactorEnrolled: z.boolean(),
  /** Set while too many failed logins keep the account locked. */
  lockedUntil: z.string().nullable(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
  /** The last completed login (password and second factor), or null. */
  lastLoginAt: z.string().nullable(),
  /** Open cases the user coordinates: hand them over before the user leaves. */
  coordinatedCases: z.int(),
  version: z.int(),
});
export type StaffUser = z.infer<typeof StaffUser>;

export const StaffUsers = z.object({ users: z.array(StaffUser) });
export type StaffUsers = z.infer<typeof StaffUsers>;

export const NewStaffUser = z.strictObject({
  name,
  email: z.email().max(254),
  title: title.optional(),
  roles,
});
export type NewStaffUser = z.infer<typeof NewStaffUser>;

export const StaffUserUpdate = z.strictObject({ version: z.int().min(1), name, title, roles });
export type StaffUserUpdate = z.infer<typeof StaffUserUpdate>;

/** The version the administrator last saw, for the account actions (disable, enable, new link, new second factor). */
export const StaffUserAction = z.strictObject({ version: z.int().min(1) });
export type StaffUserAction = z.infer<typeof StaffUserAction>;

/**
 * A link for choosing a password: for a new account, or after a forgotten password. When e-mail is
 * configured it goes only to the user's own address and `path` is null; otherwise the administrator gets
 * it once, to hand over in person.
 */
export const PasswordLink = z.object({ emailed: z.boolean(), path: z.string().nullable(), expiresAt: z.string() });
export type PasswordLink = z.infer<typeof PasswordLink>;

/** `passwordLink` is null only when a repeated request (the same Idempotency-Key) finds that the holder has chosen a password already. */
export const CreatedStaffUser = z.object({ user: StaffUser, passwordLink: PasswordLink.nullable() });
export type CreatedStaffUser = z.infer<typeof CreatedStaffUser>;

/** Hours a password link stays valid. */
export const PASSWORD_LINK_HOURS = 72;

/** Choosing a password through a link (no login needed; the link's secret is the proof). */
export const PasswordSet = z.strictObject({ token: z.string().min(20).max(200), password: z.string().min(1).max(1_000) });
export type PasswordSet = z.infer<typeof PasswordSet>;

/** Changing one's own password while logged in. */
export const PasswordChange = z.strictObject({ currentPassword: z.string().min(1).max(1_000), newPassword: z.string().min(1).max(1_000) });
export type PasswordChange = z.infer<typeof PasswordChange>;

/** Administer the staff accounts of `organisationId`: its own administrators only. */
export function canAdministerUsers(actor: Pick<Actor, 'organisationId' | 'roles'>, organisationId: string): boolean {
  return actor.organisationId === organisationId && actor.roles.includes('org_admin');
}

/**
 * Removing the coordinator role from someone who still coordinates open cases would leave those cases
 * with a coordinator who no longer has the role: the cases are handed over first. (Disabling the account
 * is always possible; the manager's overview then flags the cases.)
 */
export function coordinatorRoleProblem(before: readonly Role[], after: readonly Role[], coordinatedCases: number): 'coordinates_open_cases' | null {
  return before.includes('coordinator') && !after.includes('coordinator') && coordinatedCases > 0 ? 'coordinates_open_cases' : null;
}

export type StaffChangeProblem = 'self_disable' | 'last_admin';

/**
 * What would leave the organisation unable to administer itself: an administrator disabling their own
 * account, or a change after which no active account (one with a password, not disabled) holds `org_admin`. `after` is every account of the
 * organisation as it would be after the change.
 */
export function staffChangeProblems(
  actorUserId: string,
  change: { userId: string; disabling: boolean },
  after: readonly { id: string; roles: readonly Role[]; status: StaffStatus }[],
): StaffChangeProblem[] {
  const problems: StaffChangeProblem[] = [];
  if (change.disabling && change.userId === actorUserId) problems.push('self_disable');
  if (!after.some((user) => user.status === 'active' && user.roles.includes('org_admin'))) problems.push('last_admin');
  return problems;
}
