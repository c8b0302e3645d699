import type { CreatedStaffUser, StaffUser, StaffUsers } from '@utvag/domain';
import { useState } from 'react';
import type { Me } from '../api/types';
import { useApiGet } from '../api/use-api-get';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { useFocusAfterRender } from '../ui/focus-after-render';
import { failureMessage } from '../ui/form-errors';
import { Loading } from '../ui/loading';
import { PageHeading } from '../ui/page-heading';
import { isLocked, rolesText, statusTagClass } from './labels';
import { NewUserForm } from './new-user-form';
import { PasswordLinkNotice } from './password-link-notice';
import { UserPanel } from './user-panel';

type Open = { kind: 'none' } | { kind: 'new' } | { kind: 'created'; created: CreatedStaffUser } | { kind: 'user'; userId: string };

const NEW_BUTTON = 'user-new-button';
const manageButton = (userId: string) => `user-manage-${userId}`;

/** The organisation's staff accounts, for its system administrators: who may log in, in which roles, and who no longer may. */
export function UsersPage({ me }: { me: Me }) {
  const { t, dateTime, list } = useI18n();
  const announce = useAnnounce();
  const focusAfterRender = useFocusAfterRender();
  const [state, reload] = useApiGet<StaffUsers>('/users');
  const [open, setOpen] = useState<Open>({ kind: 'none' });

  const close = (focusId: string) => {
    setOpen({ kind: 'none' });
    focusAfterRender(focusId);
  };

  const created = (result: CreatedStaffUser) => {
    announce(t('users.created', { name: result.user.name }));
    setOpen({ kind: 'created', created: result });
    reload();
  };

  const users = state.status === 'ready' ? state.data.users : [];
  const openUser = open.kind === 'user' ? users.find((user) => user.id === open.userId) : undefined;

  const statusCell = (user: StaffUser) => (
    <>
      <span className={statusTagClass(user.status)}>{t(`users.status.${user.status}`)}</span>
      {user.status === 'invited' && <><br />{t('users.noPassword')}</>}
      {isLocked(user) && user.lockedUntil && <><br />{t('users.lockedUntil', { time: dateTime(user.lockedUntil) })}</>}
      {user.status !== 'disabled' && !user.secondFactorEnrolled && <><br />{t('users.noSecondFactor')}</>}
    </>
  );

  return (
    <>
      <PageHeading title={t('users.title')}>{t('users.title')}</PageHeading>
      <p>{t('users.intro', { organisation: me.organisation.name })}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <p className="notice notice--error" role="alert">{failureMessage(state.error, t)}</p>}
      {state.status === 'ready' && users.length === 0 && <p className="empty">{t('users.empty')}</p>}
      {users.length > 0 && (
        <div className="table-wrapper">
          <table>
            <caption>{t('users.caption', { organisation: me.organisation.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.roles')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('users.lastLogin')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    {user.name}{user.id === me.user.id && <> {t('users.you')}</>}
                    {user.title && <><br /><span className="meta">{user.title}</span></>}
                  </th>
                  <td>{user.email}</td>
                  <td>{rolesText(user.roles, { t, list })}</td>
                  <td>{statusCell(user)}</td>
                  <td>{user.lastLoginAt ? dateTime(user.lastLoginAt) : t('users.neverLoggedIn')}</td>
                  <td>
                    <button type="button" id={manageButton(user.id)} className="button button--link" aria-expanded={open.kind === 'user' && open.userId === user.id}
                      aria-controls={open.kind === 'user' && open.userId === user.id ? 'user-panel' : undefined}
                      onClick={() => setOpen({ kind: 'user', userId: user.id })}>
                      {t('users.manage')}<span className="visually-hidden"> {user.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {state.status === 'ready' && open.kind === 'none' && (
        <div className="actions">
          <button type="button" id={NEW_BUTTON} className="button" onClick={() => setOpen({ kind: 'new' })}>{t('users.new')}</button>
        </div>
      )}
      {open.kind === 'new' && <NewUserForm onCreated={created} onCancel={() => close(NEW_BUTTON)} />}
      {open.kind === 'created' && (
        <>
          <PasswordLinkNotice id="user-created" level={2} title={t('users.created', { name: open.created.user.name })} user={open.created.user}
            link={open.created.passwordLink} />
          <div className="actions">
            <button type="button" className="button button--secondary" onClick={() => close(NEW_BUTTON)}>{t('users.close')}</button>
          </div>
        </>
      )}
      {openUser && (
        <div id="user-panel">
          <UserPanel key={openUser.id} user={openUser} isSelf={openUser.id === me.user.id} onChanged={reload} onClose={() => close(manageButton(openUser.id))} />
        </div>
      )}
    </>
  );
}
