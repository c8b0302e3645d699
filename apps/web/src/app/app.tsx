import { useCallback, useEffect, useState } from 'react';
import { asApiError, onSessionEnded, type ApiError } from '../api/client';
import type { Me } from '../api/types';
import { LoginPage } from '../auth/login-page';
import { SetPasswordPage } from '../auth/set-password-page';
import { loadSession, signOut, type Session } from '../auth/session';
import { useI18n } from '../i18n/i18n-context';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { Layout } from './layout';
import { usePath } from './router';
import { paths } from './routes';
import { SignedInApp } from './signed-in-app';

export function App() {
  const { t } = useI18n();
  const path = usePath();
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const [startupError, setStartupError] = useState<ApiError | null>(null);

  useEffect(() => {
    loadSession().then(setSession, (error: unknown) => setStartupError(asApiError(error)));
  }, []);

  useEffect(() => onSessionEnded(() => setSession({ status: 'signed_out', step: 'credentials', ended: true })), []);

  const signedIn = useCallback((me: Me) => setSession({ status: 'signed_in', me }), []);
  const signOutNow = useCallback(async (everywhere: boolean) => {
    await signOut(everywhere);
    setSession({ status: 'signed_out', step: 'credentials', ended: false });
  }, []);

  // Choosing a password needs no login, and a link opened in a browser where someone else is signed in still works.
  if (path === paths.setPassword) return <Layout><SetPasswordPage /></Layout>;
  if (startupError) {
    return (
      <Layout>
        <PageHeading title={t('app.name')}>{t('app.name')}</PageHeading>
        <p className="notice notice--error">{failureMessage(startupError, t)}</p>
      </Layout>
    );
  }
  if (session.status === 'loading') return <Layout><Loading /></Layout>;
  if (session.status === 'signed_out') {
    return <Layout><LoginPage initialStep={session.step} sessionEnded={session.ended} onSignedIn={signedIn} /></Layout>;
  }
  return <SignedInApp me={session.me} onSignOut={signOutNow} />;
}
