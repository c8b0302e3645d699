import { NewStaffUser, Role, StaffUserUpdate, type StaffUser } from '@utvag/domain';
import type { ApiError } from '../api/client';
import type { Translate } from '../i18n/translate';
import { failureMessage, type FormError } from '../ui/form-errors';

/** The form's state, as typed. */
export interface UserDraft {
  name: string;
  email: string;
  title: string;
  roles: Role[];
}

export type UserFieldIds = { name: string; email: string; title: string; roles: string; rolesFirstBox: string };

/** Field ids under a prefix ("user-new", "user-edit"); the error summary links to the roles' first box. */
export function userFieldIds(prefix: string): UserFieldIds {
  const roles = `${prefix}-roles`;
  return { name: `${prefix}-name`, email: `${prefix}-email`, title: `${prefix}-title`, roles, rolesFirstBox: `${roles}-${Role.options[0]}` };
}

export const emptyDraft = (): UserDraft => ({ name: '', email: '', title: '', roles: [] });

export const draftOf = (user: StaffUser): UserDraft => ({ name: user.name, email: user.email, title: user.title ?? '', roles: [...user.roles] });

function issueError(field: string, code: string, ids: UserFieldIds, t: Translate): FormError {
  switch (field) {
    case 'name': return { fieldId: ids.name, message: code === 'too_big' ? t('users.nameTooLong') : t('users.nameMissing') };
    case 'email': return { fieldId: ids.email, message: code === 'too_small' ? t('users.emailMissing') : t('users.emailInvalid') };
    case 'title': return { fieldId: ids.title, message: t('users.titleTooLong') };
    case 'roles': return { fieldId: ids.rolesFirstBox, message: t('users.rolesMissing') };
    default: return { message: t('validation.invalid') };
  }
}

function distinct(errors: FormError[]): FormError[] {
  return errors.filter((error, index) => error.fieldId === undefined || errors.findIndex((other) => other.fieldId === error.fieldId) === index);
}

/** The body of a new account, or what is wrong; the rules are the domain's, so the server agrees. */
export function newUserBody(draft: UserDraft, ids: UserFieldIds, t: Translate): { body: NewStaffUser } | { errors: FormError[] } {
  const email = draft.email.trim();
  const parsed = NewStaffUser.safeParse({ name: draft.name, email, title: draft.title.trim() || undefined, roles: draft.roles });
  if (parsed.success) return { body: parsed.data };
  return { errors: distinct(parsed.error.issues.map((issue) => issueError(String(issue.path[0] ?? ''), email === '' && issue.path[0] === 'email' ? 'too_small' : issue.code, ids, t))) };
}

/** The body of a change to an account at the version the administrator saw, or what is wrong. */
export function userUpdateBody(draft: UserDraft, version: number, ids: UserFieldIds, t: Translate): { body: StaffUserUpdate } | { errors: FormError[] } {
  const parsed = StaffUserUpdate.safeParse({ version, name: draft.name, title: draft.title.trim() || null, roles: draft.roles });
  if (parsed.success) return { body: parsed.data };
  return { errors: distinct(parsed.error.issues.map((issue) => issueError(String(issue.path[0] ?? ''), issue.code, ids, t))) };
}

/** What the server said about an account, in the administrator's words; `ids` places field problems next to their fields. */
export function userFailure(error: ApiError, t: Translate, ids?: UserFieldIds): FormError[] {
  if (error.code === 'validation_failed' && error.issues.length > 0 && ids) {
    // "body.roles" → "roles"
    return distinct(error.issues.map((issue) => issueError(issue.path.split('.').filter((part) => part !== 'body')[0] ?? '', issue.code, ids, t)));
  }
  switch (error.code) {
    case 'email_taken': return [ids ? { fieldId: ids.email, message: t('users.emailTaken') } : { message: t('users.emailTaken') }];
    case 'stale_version': return [{ message: t('users.stale') }];
    case 'last_admin': return [{ message: t('users.lastAdmin') }];
    case 'self_disable': return [{ message: t('users.selfDisable') }];
    case 'coordinates_open_cases': return [{ message: t('users.coordinatesOpenCases') }];
    case 'user_disabled': return [{ message: t('users.userDisabled') }];
    default: return [{ message: failureMessage(error, t) }];
  }
}
