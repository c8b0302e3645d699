import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { LanguageSwitch } from './language-switch';

/** Skip link, header and the main landmark; `header` holds the signed-in navigation when there is one. */
export function Layout({ children, header }: { children: ReactNode; header?: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href="#main">{t('layout.skipToContent')}</a>
      <header className="site-header">
        <div className="site-header__inner">
          <p className="brand">{t('app.name')}</p>
          {header}
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="page">
        {children}
      </main>
    </>
  );
}
