import type { Role, StaffUser } from '@utvag/domain';
import type { I18n } from '../i18n/i18n-context';

/** "samordnare och systemförvaltare": an account's roles in the order the form lists them. */
export function rolesText(roles: readonly Role[], { t, list }: Pick<I18n, 't' | 'list'>): string {
  return list(roles.map((role) => t(`role.${role}`)));
}

/** The tag class for an account's status: active in green, disabled in red. */
export function statusTagClass(status: StaffUser['status']): string {
  if (status === 'active') return 'tag tag--ok';
  if (status === 'disabled') return 'tag tag--danger';
  return 'tag';
}

/** Locked after failed logins, right now. */
export function isLocked(user: Pick<StaffUser, 'lockedUntil'>, now = Date.now()): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
}

/** Swedish and English both have two plural forms for whole numbers: exactly one, and any other count. */
export function pluralForm(count: number): 'one' | 'other' {
  return count === 1 ? 'one' : 'other';
}
