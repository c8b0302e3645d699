import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { I18nProvider } from './i18n/i18n-context';
import { AnnouncerProvider } from './ui/announcer';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <AnnouncerProvider>
        <App />
      </AnnouncerProvider>
    </I18nProvider>
  </StrictMode>,
);
