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
import type { MailboxTexts } from './types';

/**
 * The mailbox's texts per language. A translator adds a language with one file here and one line
 * below; the tests require texts for every language the public site publishes.
 */
export const mailboxTextsByLanguage: Partial<Record<PublicLanguage, MailboxTexts>> = {
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

/** The texts for a page in `lang`; a test requires them for every language the public site publishes. */
export function mailboxTexts(lang: PublicLanguage): MailboxTexts {
  const texts = mailboxTextsByLanguage[lang];
  if (!texts) throw new Error(`The mailbox has no texts in "${lang}".`);
  return texts;
}

export type { MailboxTexts };
