export type Route =
  | { name: 'cases' }
  | { name: 'new-case' }
  | { name: 'case'; caseId: string }
  | { name: 'access-log'; caseId: string }
  | { name: 'notifications' }
  | { name: 'not-found' };

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const casePattern = new RegExp(`^/cases/(${uuid})/?$`, 'i');
const accessLogPattern = new RegExp(`^/cases/(${uuid})/access-log/?$`, 'i');

export function matchRoute(path: string): Route {
  if (path === '/' || path === '/cases' || path === '/cases/') return { name: 'cases' };
  if (path === '/cases/new') return { name: 'new-case' };
  if (path === '/notifications') return { name: 'notifications' };
  const caseMatch = casePattern.exec(path);
  if (caseMatch?.[1]) return { name: 'case', caseId: caseMatch[1] };
  const logMatch = accessLogPattern.exec(path);
  if (logMatch?.[1]) return { name: 'access-log', caseId: logMatch[1] };
  return { name: 'not-found' };
}

export const paths = {
  cases: '/',
  newCase: '/cases/new',
  case: (caseId: string) => `/cases/${caseId}`,
  accessLog: (caseId: string) => `/cases/${caseId}/access-log`,
  notifications: '/notifications',
};
