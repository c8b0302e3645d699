import { useI18n } from '../i18n/i18n-context';

/** Offers the other language, named in that language (lang set, so it is read with the right voice). */
export function LanguageSwitch() {
  const { language, setLanguage } = useI18n();
  const other = language === 'sv' ? 'en' : 'sv';
  return (
    <button type="button" className="button button--link language-switch" lang={other} onClick={() => setLanguage(other)}>
      {other === 'en' ? 'English' : 'Svenska'}
    </button>
  );
}
