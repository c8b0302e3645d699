import { useI18n } from '../i18n/i18n-context';
import { CheckboxField } from '../ui/checkbox-field';
import { errorFor, type FormError } from '../ui/form-errors';
import { RadioGroup } from '../ui/radio-group';
import { TextField } from '../ui/text-field';
import { protectedIdentityOptions } from './labels';
import type { ParticipantDraft } from './participant-draft';

interface ParticipantFieldsProps {
  draft: ParticipantDraft;
  onChange: (draft: ParticipantDraft) => void;
  errors: readonly FormError[];
  /** Show names, identity number, contact details and protected identity. */
  identified: boolean;
}

export function ParticipantFields({ draft, onChange, errors, identified }: ParticipantFieldsProps) {
  const { t } = useI18n();
  const set = <Key extends keyof ParticipantDraft>(key: Key) => (value: ParticipantDraft[Key]) => onChange({ ...draft, [key]: value });
  const field = (id: string) => ({ id, error: errorFor(errors, id) });

  return (
    <>
      <TextField {...field('participant-alias')} label={t('participant.alias')} hint={t('participant.aliasHint')} value={draft.alias} onChange={set('alias')} />
      {identified && (
        <>
          <TextField {...field('participant-first-name')} label={t('participant.firstName')} value={draft.firstName} onChange={set('firstName')} />
          <TextField {...field('participant-last-name')} label={t('participant.lastName')} value={draft.lastName} onChange={set('lastName')} />
          <TextField
            {...field('participant-identity-number')}
            label={t('participant.identityNumber')}
            hint={t('participant.identityNumberHint')}
            value={draft.identityNumber}
            onChange={set('identityNumber')}
            inputMode="numeric"
          />
          <TextField {...field('participant-phone')} label={t('participant.phone')} type="tel" inputMode="tel" value={draft.phone} onChange={set('phone')} />
          <TextField {...field('participant-email')} label={t('participant.email')} type="email" value={draft.email} onChange={set('email')} spellCheck={false} />
          <TextField {...field('participant-address')} label={t('participant.address')} value={draft.address} onChange={set('address')} />
          <RadioGroup
            id="participant-protected-identity"
            legend={t('participant.protectedIdentity')}
            hint={t('participant.protectedIdentityHint')}
            options={protectedIdentityOptions(t)}
            value={draft.protectedIdentity}
            onChange={set('protectedIdentity')}
            error={errorFor(errors, 'participant-protected-identity-none')}
          />
        </>
      )}
      <TextField {...field('participant-languages')} label={t('participant.languages')} hint={t('participant.languagesHint')} value={draft.languages} onChange={set('languages')} spellCheck={false} />
      <CheckboxField id="participant-interpreter-needed" label={t('participant.interpreterNeeded')} checked={draft.interpreterNeeded} onChange={set('interpreterNeeded')} />
      {draft.interpreterNeeded && (
        <TextField
          {...field('participant-interpreter-language')}
          label={t('participant.interpreterLanguage')}
          hint={t('participant.interpreterLanguageHint')}
          value={draft.interpreterLanguage}
          onChange={set('interpreterLanguage')}
          spellCheck={false}
        />
      )}
    </>
  );
}
