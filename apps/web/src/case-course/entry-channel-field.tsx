import type { EntryChannel } from '@utvag/domain';
import { useI18n } from '../i18n/i18n-context';
import { SelectField } from '../ui/select-field';
import { entryChannelOptions } from './labels';

/** "Kontaktväg" on the new-case form: how the person came in; may be left unanswered. */
export function EntryChannelField({ value, onChange }: { value: EntryChannel | ''; onChange: (value: EntryChannel | '') => void }) {
  const { t } = useI18n();
  return (
    <SelectField
      id="entry-channel"
      label={t('course.entryChannel')}
      hint={t('course.entryChannelHint')}
      placeholder={t('course.entryChannelNone')}
      options={entryChannelOptions(t)}
      value={value}
      onChange={onChange}
    />
  );
}
