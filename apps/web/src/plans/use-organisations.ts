import type { Organisation } from '../api/types';
import { useApiGet } from '../api/use-api-get';

/** The directory of organisations, for naming and choosing the organisation responsible for an action. */
export function useOrganisations(): { organisations: Organisation[]; nameOf: (id: string) => string | null } {
  const [state] = useApiGet<{ organisations: Organisation[] }>('/organisations');
  const organisations = state.status === 'ready' ? state.data.organisations : [];
  const names = new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
  return { organisations, nameOf: (id) => names.get(id) ?? null };
}
