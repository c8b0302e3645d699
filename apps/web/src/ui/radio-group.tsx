import { FieldMessages, describedBy } from './field-message';
import type { Option } from './select-field';

interface RadioGroupProps<Value extends string> {
  id: string;
  legend: string;
  options: readonly Option<Value>[];
  value: Value;
  onChange: (value: Value) => void;
  hint?: string | undefined;
  error?: string | undefined;
}

export function RadioGroup<Value extends string>({ id, legend, options, value, onChange, hint, error }: RadioGroupProps<Value>) {
  return (
    <fieldset className={error ? 'field field--error' : 'field'} aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      <div className="choices">
        {options.map((option) => (
          <div className="choice" key={option.value}>
            <input
              type="radio"
              id={`${id}-${option.value}`}
              name={id}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
