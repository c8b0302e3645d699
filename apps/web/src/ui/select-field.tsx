import { FieldMessages, describedBy } from './field-message';

export interface Option<Value extends string> {
  value: Value;
  label: string;
}

interface SelectFieldProps<Value extends string> {
  id: string;
  label: string;
  value: Value | '';
  options: readonly Option<Value>[];
  onChange: (value: Value | '') => void;
  /** Shown as the empty first choice; without it the first option is chosen. */
  placeholder?: string;
  hint?: string | undefined;
  error?: string | undefined;
}

export function SelectField<Value extends string>({ id, label, value, options, onChange, placeholder, hint, error }: SelectFieldProps<Value>) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} error={error} />
      <select
        id={id}
        name={id}
        value={value}
        onChange={(event) => onChange(event.target.value as Value | '')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
    </div>
  );
}
