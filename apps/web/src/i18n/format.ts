export type Language = 'sv' | 'en';

const locales: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day (2027-06-30) or a moment; calendar days are formatted in UTC so no time zone moves them. */
export function formatDate(value: string, language: Language): string {
  const isDay = dateOnly.test(value);
  const format = new Intl.DateTimeFormat(locales[language], { dateStyle: language === 'sv' ? 'short' : 'medium', ...(isDay ? { timeZone: 'UTC' } : {}) });
  return format.format(new Date(isDay ? `${value}T00:00:00Z` : value));
}

export function formatDateTime(value: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], { dateStyle: language === 'sv' ? 'short' : 'medium', timeStyle: 'short' }).format(new Date(value));
}

/** "hälsa och skulder", "health and debts". */
export function formatList(items: readonly string[], language: Language): string {
  return new Intl.ListFormat(locales[language], { style: 'long', type: 'conjunction' }).format(items);
}

/** The name of a language from its ISO code ("ro" → "rumänska"); the code itself if unknown. */
export function languageName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames(locales[language], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
