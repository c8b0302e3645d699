import type { PasswordLink, StaffUser } from '@utvag/domain';
import { useEffect, useRef, useState } from 'react';
import { api, asApiError } from '../api/client';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { ConfirmAction } from '../ui/confirm-action';
import { isLocked, pluralForm, rolesText } from './labels';
import { PasswordLinkNotice } from './password-link-notice';
import { userFailure } from './user-draft';
import { UserEditForm } from './user-edit-form';

interface UserPanelProps {
  user: StaffUser;
  /** The administrator's own account: it cannot be disabled, and its second factor is reset by another administrator. */
  isSelf: boolean;
  /** The account changed here, or may have changed elsewhere: read the list again. */
  onChanged: () => void;
  onClose: () => void;
}

/** One account in detail: what it is, its name, title and roles, and the acts on its login. Its heading takes focus when it opens. */
export function UserPanel({ user, isSelf, onChanged, onClose }: UserPanelProps) {
  const { t, dateTime, list } = useI18n();
  const announce = useAnnounce();
  const heading = useRef<HTMLHeadingElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [link, setLink] = useState<PasswordLink | null>(null);
  const failureRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => { heading.current?.focus(); }, []);
  // The act's confirm button is gone by now; the message is where the administrator reads on.
  useEffect(() => { if (failure) failureRef.current?.focus(); }, [failure]);

  /** Runs one act on the account at the version shown; afterwards focus goes to the heading, since the act's button may be gone. */
  const act = async <T,>(path: string, done: (result: T) => void) => {
    setFailure(null);
    try {
      const result = await api.post<T>(`/users/${user.id}/${path}`, { version: user.version });
      done(result);
    } catch (error) {
      const apiError = asApiError(error);
      setFailure(userFailure(apiError, t).map((each) => each.message).join(' '));
      if (apiError.code === 'stale_version') onChanged();
    }
  };

  const disable = () => act<StaffUser>('disable', () => {
    setLink(null);
    announce(t('users.disabledNow', { name: user.name }));
    heading.current?.focus();
    onChanged();
  });
  const enable = () => act<StaffUser>('enable', () => {
    announce(t('users.enabledNow', { name: user.name }));
    heading.current?.focus();
    onChanged();
  });
  const newLink = () => act<PasswordLink>('password-link', (created) => {
    setLink(created);
    announce(t('users.passwordLinkCreated', { name: user.name }));
    onChanged();
  });
  const resetSecondFactor = () => act<StaffUser>('second-factor-reset', () => {
    announce(t('users.secondFactorReset', { name: user.name }));
    heading.current?.focus();
    onChanged();
  });

  const saved = (updated: StaffUser) => {
    setFailure(null);
    announce(t('users.saved', { name: updated.name }));
    onChanged();
  };

  const stale = () => {
    setFailure(t('users.stale'));
    onChanged();
  };

  const count = user.coordinatedCases;
  const disableQuestion = [
    t('users.disableQuestion', { name: user.name }),
    ...(count > 0 ? [t(`users.disableCoordinates.${pluralForm(count)}`, { name: user.name, count })] : []),
  ].join(' ');

  return (
    <section className="panel" aria-labelledby="user-panel-heading">
      <h2 id="user-panel-heading" ref={heading} tabIndex={-1}>{t('users.panelTitle', { name: user.name })}</h2>
      <dl className="details">
        <div className="details__row"><dt>{t('users.email')}</dt><dd>{user.email}</dd></div>
        <div className="details__row"><dt>{t('users.roles')}</dt><dd>{rolesText(user.roles, { t, list })}</dd></div>
        <div className="details__row">
          <dt>{t('users.status')}</dt>
          <dd>
            {t(`users.status.${user.status}`)}
            {user.status === 'invited' && <><br />{t('users.noPassword')}</>}
            {user.disabledAt && user.status === 'disabled' && <><br />{t('users.disabledAt', { time: dateTime(user.disabledAt) })}</>}
            {isLocked(user) && user.lockedUntil && <><br />{t('users.lockedUntil', { time: dateTime(user.lockedUntil) })}</>}
            {user.status !== 'disabled' && !user.secondFactorEnrolled && <><br />{t('users.noSecondFactor')}</>}
            {count > 0 && <><br />{t(`users.coordinates.${pluralForm(count)}`, { count })}</>}
          </dd>
        </div>
        <div className="details__row">
          <dt>{t('users.lastLogin')}</dt>
          <dd>{user.lastLoginAt ? dateTime(user.lastLoginAt) : t('users.neverLoggedIn')} <span className="meta">{t('users.createdAt', { time: dateTime(user.createdAt) })}</span></dd>
        </div>
      </dl>
      {isSelf && <p className="notice">{t('users.ownAccount')}</p>}
      {failure && <p className="notice notice--error" role="alert" ref={failureRef} tabIndex={-1}>{failure}</p>}

      <UserEditForm user={user} onSaved={saved} onStale={stale} />

      <section aria-labelledby="user-access-heading">
        <h3 id="user-access-heading">{t('users.accessTitle')}</h3>
        {user.status !== 'disabled' && user.secondFactorEnrolled && !isSelf && <p className="hint">{t('users.resetSecondFactorHint')}</p>}
        {link && <PasswordLinkNotice key={link.path ?? link.expiresAt} id="user-link" level={3} title={t('users.passwordLinkCreated', { name: user.name })} user={user} link={link} />}
        <div className="actions">
          {user.status !== 'disabled' && (
            <ConfirmAction label={t('users.passwordLink')} question={t('users.passwordLinkQuestion', { name: user.name })} confirmLabel={t('users.passwordLinkConfirm')}
              onConfirm={newLink} />
          )}
          {user.status !== 'disabled' && user.secondFactorEnrolled && !isSelf && (
            <ConfirmAction label={t('users.resetSecondFactor')} question={t('users.resetSecondFactorQuestion', { name: user.name })}
              confirmLabel={t('users.resetSecondFactorConfirm')} onConfirm={resetSecondFactor} />
          )}
          {user.status !== 'disabled' && !isSelf && (
            <ConfirmAction label={t('users.disable')} question={disableQuestion} confirmLabel={t('users.disableConfirm')} onConfirm={disable} />
          )}
          {user.status === 'disabled' && (
            <button type="button" className="button button--secondary" onClick={() => void enable()}>{t('users.enable')}</button>
          )}
        </div>
      </section>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onClose}>{t('users.close')}</button>
      </div>
    </section>
  );
}
