import type { PublicLanguage } from '../../public-site/languages';
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
import type { DirectoryTexts } from './types';

/**
 * The directory's texts per language. A test requires one here for every language the public site
 * publishes, so a new translation of the site cannot go live without these pages.
 */
export const directoryTextsByLanguage: Partial<Record<PublicLanguage, DirectoryTexts>> = {
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

export function directoryTexts(lang: PublicLanguage): DirectoryTexts {
  const texts = directoryTextsByLanguage[lang];
  if (!texts) throw new Error(`The directory has no texts in "${lang}".`);
  return texts;
}
