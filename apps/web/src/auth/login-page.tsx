import { useCallback, useState } from 'react';
import type { Me } from '../api/types';
import { CodeForm } from './code-form';
import { CredentialsForm } from './credentials-form';
import { EnrolmentForm } from './enrolment-form';
import type { LoginStep } from './session';

type Step = LoginStep | 'enrol';

interface LoginPageProps {
  initialStep: LoginStep;
  /** True when the user was signed out by the server (idle timeout), so the page can say so. */
  sessionEnded: boolean;
  onSignedIn: (me: Me) => void;
}

export function LoginPage({ initialStep, sessionEnded, onSignedIn }: LoginPageProps) {
  const [step, setStep] = useState<Step>(initialStep);
  // Stable, so the enrolment form asks for its secret once and not on every render.
  const toCredentials = useCallback(() => setStep('credentials'), []);
  const toSecondFactor = useCallback(() => setStep('second_factor'), []);
  const toEnrolment = useCallback(() => setStep('enrol'), []);
  switch (step) {
    case 'credentials':
      return <CredentialsForm sessionEnded={sessionEnded} onVerified={(next) => (next === 'enrol_second_factor' ? toEnrolment() : toSecondFactor())} />;
    case 'enrol':
      return <EnrolmentForm onSignedIn={onSignedIn} onAlreadyEnrolled={toSecondFactor} onRestart={toCredentials} />;
    case 'second_factor':
      return <CodeForm onSignedIn={onSignedIn} onEnrolmentRequired={toEnrolment} onRestart={toCredentials} />;
  }
}
