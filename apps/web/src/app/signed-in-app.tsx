import { canAdministerUsers, canCreateCase, canMaintainDirectory, canManageDelegation, canSeeManagerOverview } from '@utvag/domain';
import { useState } from 'react';
import { asApiError } from '../api/client';
import type { Me, OrganisationType, Role } from '../api/types';
import { AccessLogPage } from '../access-log/access-log-page';
import { AccountPage } from '../account/account-page';
import { CaseListPage } from '../cases/case-list-page';
import { CasePage } from '../cases/case-page';
import { NewCasePage } from '../cases/new-case-page';
import { DelegationPage } from '../decisions/delegation-page';
import { DirectoryPage } from '../directory/directory-page';
import { useI18n } from '../i18n/i18n-context';
import { ChildHandlersPage } from '../inbox/child-handlers-page';
import { InboxConversationPage } from '../inbox/conversation-page';
import { InboxPage } from '../inbox/inbox-page';
import { InboxStatisticsPage } from '../inbox/statistics-page';
import { InboxTemplatesPage } from '../inbox/templates-page';
import { ManagerOverviewPage } from '../work-lists/manager-overview-page';
import { WorkListPage } from '../work-lists/work-list-page';
import { NotificationsPage } from '../notifications/notifications-page';
import { OutreachPage } from '../outreach/outreach-page';
import { ScreeningPage } from '../screening/screening-page';
import { PlanPages } from '../plans/plan-page';
import { IncomingTransfersPage } from '../transfers/incoming-transfers-page';
import { failureMessage } from '../ui/form-errors';
import { UsersPage } from '../users/users-page';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';
import { usePath } from './router';
import { matchRoute, type Route } from './routes';
import { SiteNavigation } from './site-navigation';
import { useUnreadCount } from './use-unread-count';

interface SignedInAppProps {
  me: Me;
  onSignOut: (everywhere: boolean) => Promise<void>;
}

function Page({ me, route, mayCreateCase, mayAdministerUsers, onNotificationsChanged, delegationFor }: {
  me: Me; route: Route; mayCreateCase: boolean; mayAdministerUsers: boolean; onNotificationsChanged: () => void; delegationFor: string | null;
}) {
  switch (route.name) {
    case 'cases': return <CaseListPage mayCreateCase={mayCreateCase} />;
    case 'new-case': return mayCreateCase ? <NewCasePage /> : <NotFoundPage />;
    case 'case': return <CasePage caseId={route.caseId} />;
    case 'access-log': return <AccessLogPage caseId={route.caseId} />;
    case 'plan': return <PlanPages caseId={route.caseId} view={route.view} />;
    case 'notifications': return <NotificationsPage onChanged={onNotificationsChanged} />;
    case 'delegation': return delegationFor ? <DelegationPage organisationId={delegationFor} /> : <NotFoundPage />;
    case 'work-list': return <WorkListPage />;
    case 'manager-overview': return <ManagerOverviewPage />;
    case 'incoming-transfers': return <IncomingTransfersPage />;
    case 'directory': return <DirectoryPage />;
    case 'inbox': return <InboxPage />;
    case 'inbox-conversation': return <InboxConversationPage conversationId={route.conversationId} />;
    case 'inbox-templates': return <InboxTemplatesPage />;
    case 'inbox-statistics': return <InboxStatisticsPage />;
    case 'inbox-child-handlers': return <ChildHandlersPage />;
    case 'outreach': return <OutreachPage />;
    case 'screening': return <ScreeningPage />;
    case 'users': return mayAdministerUsers ? <UsersPage me={me} /> : <NotFoundPage />;
    case 'account': return <AccountPage me={me} />;
    case 'not-found': return <NotFoundPage />;
  }
}

export function SignedInApp({ me, onSignOut }: SignedInAppProps) {
  const { t } = useI18n();
  const path = usePath();
  const route = matchRoute(path);
  const [unread, refreshUnread] = useUnreadCount(path);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const actor = {
    userId: me.user.id,
    organisationId: me.organisation.id,
    organisationType: me.organisation.type as OrganisationType,
    roles: me.user.roles as Role[],
  };
  const mayCreateCase = canCreateCase(actor);
  const delegationFor = canManageDelegation(actor, me.organisation.id) ? me.organisation.id : null;
  const mayAdministerUsers = canAdministerUsers(actor, me.organisation.id);

  const signOut = (everywhere: boolean) => {
    setSignOutError(null);
    onSignOut(everywhere).catch((error: unknown) => setSignOutError(failureMessage(asApiError(error), t)));
  };

  return (
    <Layout header={<SiteNavigation me={me} route={route} unread={unread} mayCreateCase={mayCreateCase} mayManageDelegation={delegationFor !== null} maySeeOverview={canSeeManagerOverview(actor)} mayMaintainDirectory={canMaintainDirectory(actor, me.organisation.id)} mayAdministerUsers={mayAdministerUsers} onSignOut={signOut} />}>
      {signOutError && <p className="notice notice--error" role="alert">{signOutError}</p>}
      <Page key={path} me={me} route={route} mayCreateCase={mayCreateCase} mayAdministerUsers={mayAdministerUsers} onNotificationsChanged={refreshUnread} delegationFor={delegationFor} />
    </Layout>
  );
}
