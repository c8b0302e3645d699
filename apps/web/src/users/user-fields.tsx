import { Role } from '@utvag/domain';
import { useI18n } from '../i18n/i18n-context';
import { errorFor, type FormError } from '../ui/form-errors';
import { CheckboxGroup } from '../ui/checkbox-group';
import { TextField } from '../ui/text-field';
import type { UserDraft, UserFieldIds } from './user-draft';

interface UserFieldsProps {
  ids: UserFieldIds;
  draft: UserDraft;
  errors: readonly FormError[];
  onChange: <K extends keyof UserDraft>(field: K) => (value: UserDraft[K]) => void;
  /** The e-mail address is chosen once, when the account is made. */
  withEmail: boolean;
}

/** Name, e-mail, title and roles: the fields a new account and a change to one share. */
export function UserFields({ ids, draft, errors, onChange, withEmail }: UserFieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <TextField id={ids.name} label={t('users.fieldName')} value={draft.name} onChange={onChange('name')} error={errorFor(errors, ids.name)} />
      {withEmail && (
        <TextField id={ids.email} label={t('users.fieldEmail')} hint={t('users.fieldEmailHint')} type="email" inputMode="email" spellCheck={false} value={draft.email}
          onChange={onChange('email')} error={errorFor(errors, ids.email)} />
      )}
      <TextField id={ids.title} label={t('users.fieldTitle')} hint={t('users.fieldTitleHint')} value={draft.title} onChange={onChange('title')}
        error={errorFor(errors, ids.title)} />
      <CheckboxGroup<Role> id={ids.roles} legend={t('users.fieldRoles')} hint={t('users.fieldRolesHint')}
        options={Role.options.map((value) => ({ value, label: t(`role.${value}`) }))} values={draft.roles} onChange={onChange('roles')}
        error={errorFor(errors, ids.rolesFirstBox)} />
    </>
  );
}
