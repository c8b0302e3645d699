import { FieldMessages, describedBy } from './field-message';
import type { Option } from './select-field';

interface CheckboxGroupProps<Value extends string> {
  id: string;
  legend: string;
  options: readonly Option<Value>[];
  values: readonly Value[];
  onChange: (values: Value[]) => void;
  hint?: string | undefined;
  error?: string | undefined;
}

/** Checkboxes in a fieldset; the first box's id is `${id}-${first value}`, where an error summary links. */
export function CheckboxGroup<Value extends string>({ id, legend, options, values, onChange, hint, error }: CheckboxGroupProps<Value>) {
  const toggle = (value: Value, checked: boolean) =>
    onChange(checked ? options.map((option) => option.value).filter((each) => each === value || values.includes(each)) : values.filter((each) => each !== value));
  return (
    <fieldset className={error ? 'field field--error' : 'field'} aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      <div className="choices">
        {options.map((option) => (
          <div className="choice" key={option.value}>
            <input
              type="checkbox"
              id={`${id}-${option.value}`}
              name={id}
              value={option.value}
              checked={values.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
