import { canManageChildHandlers, canReadOutreach, canReadScreenings, canUseInbox, type OrganisationType } from '@utvag/domain';
import type { Me, Role } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { Link } from './router';
import { paths, type Route } from './routes';

interface SiteNavigationProps {
  me: Me;
  route: Route;
  unread: number;
  mayCreateCase: boolean;
  mayManageDelegation?: boolean;
  maySeeOverview?: boolean;
  mayMaintainDirectory?: boolean;
  mayAdministerUsers?: boolean;
  onSignOut: (everywhere: boolean) => void;
}

export function SiteNavigation({ me, route, unread, mayCreateCase, mayManageDelegation = false, maySeeOverview = false, mayMaintainDirectory = false, mayAdministerUsers = false, onSignOut }: SiteNavigationProps) {
  const { t } = useI18n();
  const current = (name: Route['name']) => (route.name === name ? 'page' : undefined);
  const actor = { userId: me.user.id, organisationId: me.organisation.id, organisationType: me.organisation.type as OrganisationType, roles: me.user.roles as Role[] };
  return (
    <>
      <nav aria-label={t('nav.label')} className="site-nav">
        <ul>
          <li><Link to={paths.workList} aria-current={current('work-list')}>{t('nav.workList')}</Link></li>
          <li><Link to={paths.cases} aria-current={current('cases')}>{t('nav.cases')}</Link></li>
          {canUseInbox({ roles: me.user.roles as Role[] }) && <li><Link to={paths.inbox} aria-current={current('inbox')}>{t('nav.inbox')}</Link></li>}
          {canManageChildHandlers({ roles: me.user.roles as Role[] }) && <li><Link to={paths.inboxChildHandlers} aria-current={current('inbox-child-handlers')}>{t('nav.childHandlers')}</Link></li>}
          {mayCreateCase && <li><Link to={paths.newCase} aria-current={current('new-case')}>{t('nav.newCase')}</Link></li>}
          {maySeeOverview && <li><Link to={paths.managerOverview} aria-current={current('manager-overview')}>{t('nav.managerOverview')}</Link></li>}
          {mayCreateCase && <li><Link to={paths.incomingTransfers} aria-current={current('incoming-transfers')}>{t('nav.incomingTransfers')}</Link></li>}
          {mayManageDelegation && <li><Link to={paths.delegation} aria-current={current('delegation')}>{t('decision.delegationLink')}</Link></li>}
          {mayMaintainDirectory && <li><Link to={paths.directory} aria-current={current('directory')}>{t('nav.directory')}</Link></li>}
          {mayAdministerUsers && <li><Link to={paths.users} aria-current={current('users')}>{t('nav.users')}</Link></li>}
          {canReadOutreach(actor) && <li><Link to={paths.outreach} aria-current={current('outreach')}>{t('nav.outreach')}</Link></li>}
          {canReadScreenings(actor) && <li><Link to={paths.screening} aria-current={current('screening')}>{t('nav.screening')}</Link></li>}
          <li>
            <Link to={paths.notifications} aria-current={current('notifications')}>
              {t('nav.notifications')}
              {unread > 0 && (
                <span className="badge">
                  {unread}<span className="visually-hidden"> {t('nav.unread')}</span>
                </span>
              )}
            </Link>
          </li>
        </ul>
      </nav>
      <div className="account">
        <p className="account__who">{t('nav.signedInAs', { name: me.user.name, organisation: me.organisation.name })}</p>
        <Link to={paths.account} aria-current={current('account')}>{t('nav.account')}</Link>
        <button type="button" className="button button--link" onClick={() => onSignOut(false)}>{t('nav.signOut')}</button>
        <button type="button" className="button button--link" onClick={() => onSignOut(true)}>{t('nav.signOutEverywhere')}</button>
      </div>
    </>
  );
}
