import type { DirectoryEntryKind, Weekday } from '@utvag/domain';

/**
 * What the "Find help near you" pages say, for one language. Swedish (sv.ts) is the source; a
 * translator copies it and translates each string, keeping the {placeholders}. The type makes a
 * missing text a compile error.
 */
export interface DirectoryTexts {
  /** The page's heading and the start of its <title>. */
  title: string;
  lead: string;
  /** Always at the top: 112 is the one number that never depends on where you are. */
  emergency: string;
  chooseLabel: string;
  chooseHint: string;
  choosePlaceholder: string;
  chooseButton: string;
  searchHeading: string;
  searchLabel: string;
  searchHint: string;
  searchButton: string;
  /** {count} and {query} */
  searchResults: string;
  /** {query} */
  searchNoMatch: string;
  errorSummaryTitle: string;
  municipalityMissing: string;
  /** {municipality}: the heading of a municipality's page. */
  municipalityTitle: string;
  /** {municipality} */
  municipalityLead: string;
  /** {municipality}: shown when nothing nearby is published. */
  emptyLocal: string;
  /** Shown when no national line is published either. */
  emptyNational: string;
  otherMunicipality: string;
  kinds: Record<DirectoryEntryKind, string>;
  nationalHeading: string;
  phone: string;
  email: string;
  web: string;
  address: string;
  protectedAddress: string;
  hours: string;
  alwaysOpen: string;
  /** {hours} e.g. "8–16" */
  openToday: string;
  closedToday: string;
  /** Separates two periods on the same day. */
  andPeriod: string;
  weekdays: Record<Weekday, string>;
  languagesSpoken: string;
  free: string;
  anonymous: string;
  forChildren: string;
  forAdults: string;
  /** {organisation} */
  publishedBy: string;
  /** How times are written: Swedish "8.30", most others "08:30". */
  clock: 'dot' | 'colon';
}
