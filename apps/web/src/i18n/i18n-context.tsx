import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { formatDate, formatDateTime, formatList, languageName, type Language } from './format';
import { sv } from './sv';
import { translator, type Messages, type Translate } from './translate';

const catalogues: Record<Language, Messages> = { sv, en };
const STORAGE_KEY = 'utvag.language';

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  date: (value: string) => string;
  dateTime: (value: string) => string;
  list: (items: readonly string[]) => string;
  languageName: (code: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'sv';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo<I18n>(() => ({
    language,
    setLanguage: (next) => {
      localStorage.setItem(STORAGE_KEY, next);
      setLanguageState(next);
    },
    t: translator(catalogues[language]),
    date: (value) => formatDate(value, language),
    dateTime: (value) => formatDateTime(value, language),
    list: (items) => formatList(items, language),
    languageName: (code) => languageName(code, language),
  }), [language]);

  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n must be used inside I18nProvider.');
  return context;
}
