/**
 * The languages the public site is written for. A language is only served once its texts are
 * registered (see texts/index.ts): until then its addresses answer 404 rather than show Swedish
 * under a foreign `lang` attribute.
 */
export const PublicLanguage = ['sv', 'sv-ll', 'en', 'ro', 'hu', 'pl', 'bg', 'ru', 'uk', 'th', 'es', 'pt', 'ar', 'fa', 'so'] as const;
export type PublicLanguage = (typeof PublicLanguage)[number];

export function isPublicLanguage(value: string): value is PublicLanguage {
  return (PublicLanguage as readonly string[]).includes(value);
}

export function isRightToLeft(lang: PublicLanguage): boolean {
  return lang === 'ar' || lang === 'fa';
}

/** The value of the `lang` attribute. Easy-to-read Swedish is Swedish to a screen reader. */
export function htmlLang(lang: PublicLanguage): string {
  return lang === 'sv-ll' ? 'sv' : lang;
}

/** Swedish lives at the root; every other language under its own code: '' or '/en'. */
export function languagePrefix(lang: PublicLanguage): string {
  return lang === 'sv' ? '' : `/${lang}`;
}

/**
 * The address of a page: slugs are English and the same in every language.
 * publicPath('sv', '') → '/', publicPath('en', '') → '/en/', publicPath('en', 'mailbox') → '/en/mailbox'.
 */
export function publicPath(lang: PublicLanguage, page: string): string {
  const slug = page.replace(/^\/+/, '');
  return `${languagePrefix(lang)}/${slug}`;
}

/** Each language's name in itself, for the language chooser. */
export const languageName: Record<PublicLanguage, string> = {
  sv: 'Svenska',
  'sv-ll': 'Lättläst svenska',
  en: 'English',
  ro: 'Română',
  hu: 'Magyar',
  pl: 'Polski',
  bg: 'Български',
  ru: 'Русский',
  uk: 'Українська',
  th: 'ไทย',
  es: 'Español',
  pt: 'Português',
  ar: 'العربية',
  fa: 'فارسی',
  so: 'Soomaali',
};
