import { useI18n } from '../i18n/i18n-context';
import { TextField } from '../ui/text-field';

export function CodeField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string | undefined }) {
  const { t } = useI18n();
  return (
    <TextField
      id="code"
      label={t('secondFactor.code')}
      hint={t('secondFactor.codeHint')}
      value={value}
      onChange={onChange}
      error={error}
      inputMode="numeric"
      autoComplete="one-time-code"
      className="input--code"
    />
  );
}
