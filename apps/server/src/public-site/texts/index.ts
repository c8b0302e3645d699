import { PublicLanguage } from '../languages';
import { en } from './en';
import { sv } from './sv';
import { svLl } from './sv-ll';
import { ro } from './ro';
import { hu } from './hu';
import { pl } from './pl';
import { bg } from './bg';
import { ru } from './ru';
import { uk } from './uk';
import { th } from './th';
import { es } from './es';
import { pt } from './pt';
import { ar } from './ar';
import { fa } from './fa';
import { so } from './so';
import type { SiteTexts } from './types';

/**
 * The published languages: a language is served only when its texts are registered here. Adding a
 * translation = one file in this folder plus one line below; the tests then walk it automatically.
 */
const registered: Partial<Record<PublicLanguage, SiteTexts>> = {
  sv,
  'sv-ll': svLl,
  en,
  ro,
  hu,
  pl,
  bg,
  ru,
  uk,
  th,
  es,
  pt,
  ar,
  fa,
  so,
};

export const publishedLanguages: readonly PublicLanguage[] = PublicLanguage.filter((lang) => registered[lang] !== undefined);

export function isPublished(lang: PublicLanguage): boolean {
  return registered[lang] !== undefined;
}

/** The texts of a published language; asking for an unpublished one is a programming error. */
export function siteTexts(lang: PublicLanguage): SiteTexts {
  const texts = registered[lang];
  if (!texts) throw new Error(`The public site is not published in "${lang}".`);
  return texts;
}
