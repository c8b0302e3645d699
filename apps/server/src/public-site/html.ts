/**
 * HTML built from strings, escaped by default: every value interpolated into `html`…`` is escaped
 * unless it is itself the result of `html` or `raw`. Visitors' text can never become markup.
 */
class TrustedHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}
export type SafeHtml = TrustedHtml;

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

export function isSafeHtml(value: unknown): value is SafeHtml {
  return value instanceof TrustedHtml;
}

/** Markup the caller vouches for (a constant, or something already escaped). Never visitor input. */
export function raw(markup: string): SafeHtml {
  return new TrustedHtml(markup);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof TrustedHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let index = 0; index < values.length; index += 1) {
    out += render(values[index]) + (strings[index + 1] ?? '');
  }
  return new TrustedHtml(out);
}
