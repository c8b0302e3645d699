export type Route =
  | { name: 'cases' }
  | { name: 'new-case' }
  | { name: 'case'; caseId: string }
  | { name: 'access-log'; caseId: string }
  | { name: 'plan'; caseId: string; view: PlanRouteView }
  | { name: 'notifications' }
  | { name: 'delegation' }
  | { name: 'work-list' }
  | { name: 'manager-overview' }
  | { name: 'incoming-transfers' }
  | { name: 'directory' }
  | { name: 'inbox' }
  | { name: 'inbox-conversation'; conversationId: string }
  | { name: 'inbox-templates' }
  | { name: 'inbox-statistics' }
  | { name: 'inbox-child-handlers' }
  | { name: 'outreach' }
  | { name: 'screening' }
  | { name: 'users' }
  | { name: 'account' }
  | { name: 'not-found' };

/** The plan's pages: the plan in work, the list of versions, one version, two versions side by side. */
export type PlanRouteView = { kind: 'current' } | { kind: 'versions' } | { kind: 'version'; number: number } | { kind: 'compare'; from: number; to: number };

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const casePattern = new RegExp(`^/cases/(${uuid})/?$`, 'i');
const accessLogPattern = new RegExp(`^/cases/(${uuid})/access-log/?$`, 'i');
const inboxConversationPattern = new RegExp(`^/inbox/conversations/(${uuid})/?$`, 'i');
const planPattern = new RegExp(`^/cases/(${uuid})/plan(?:/versions(?:/(\\d{1,6}))?|/compare/(\\d{1,6})/(\\d{1,6}))?/?$`, 'i');

export function matchRoute(path: string): Route {
  if (path === '/' || path === '/cases' || path === '/cases/') return { name: 'cases' };
  if (path === '/cases/new') return { name: 'new-case' };
  if (path === '/notifications') return { name: 'notifications' };
  if (path === '/transfers/incoming') return { name: 'incoming-transfers' };
  if (path === '/delegation') return { name: 'delegation' };
  if (path === '/work-list') return { name: 'work-list' };
  if (path === '/manager') return { name: 'manager-overview' };
  if (path === '/outreach') return { name: 'outreach' };
  if (path === '/screening') return { name: 'screening' };
  if (path === '/users') return { name: 'users' };
  if (path === '/account') return { name: 'account' };
  if (path === '/inbox') return { name: 'inbox' };
  if (path === '/inbox/templates') return { name: 'inbox-templates' };
  if (path === '/inbox/statistics') return { name: 'inbox-statistics' };
  if (path === '/inbox/child-handlers') return { name: 'inbox-child-handlers' };
  const inboxMatch = inboxConversationPattern.exec(path);
  if (inboxMatch?.[1]) return { name: 'inbox-conversation', conversationId: inboxMatch[1] };
  if (path === '/directory') return { name: 'directory' };
  const caseMatch = casePattern.exec(path);
  if (caseMatch?.[1]) return { name: 'case', caseId: caseMatch[1] };
  const logMatch = accessLogPattern.exec(path);
  if (logMatch?.[1]) return { name: 'access-log', caseId: logMatch[1] };
  const planMatch = planPattern.exec(path);
  if (planMatch?.[1]) return { name: 'plan', caseId: planMatch[1], view: planView(path, planMatch) };
  return { name: 'not-found' };
}

function planView(path: string, match: RegExpExecArray): PlanRouteView {
  if (match[3] && match[4]) return { kind: 'compare', from: Number(match[3]), to: Number(match[4]) };
  if (match[2]) return { kind: 'version', number: Number(match[2]) };
  return /\/versions\/?$/.test(path) ? { kind: 'versions' } : { kind: 'current' };
}

export const paths = {
  cases: '/',
  newCase: '/cases/new',
  case: (caseId: string) => `/cases/${caseId}`,
  accessLog: (caseId: string) => `/cases/${caseId}/access-log`,
  plan: (caseId: string) => `/cases/${caseId}/plan`,
  planVersions: (caseId: string) => `/cases/${caseId}/plan/versions`,
  planVersion: (caseId: string, number: number) => `/cases/${caseId}/plan/versions/${number}`,
  planCompare: (caseId: string, from: number, to: number) => `/cases/${caseId}/plan/compare/${from}/${to}`,
  notifications: '/notifications',
  incomingTransfers: '/transfers/incoming',
  delegation: '/delegation',
  workList: '/work-list',
  managerOverview: '/manager',
  outreach: '/outreach',
  screening: '/screening',
  inbox: '/inbox',
  inboxConversation: (conversationId: string) => `/inbox/conversations/${conversationId}`,
  inboxTemplates: '/inbox/templates',
  inboxStatistics: '/inbox/statistics',
  inboxChildHandlers: '/inbox/child-handlers',
  directory: '/directory',
  users: '/users',
  account: '/account',
  /** Public: choosing a password through a link, signed in or not; the link's secret is in the fragment. */
  setPassword: '/set-password',
};
