import {
  DirectoryEntryCreate, Weekday, isPhoneNumber, isWebAddress, type CoverageScope, type DirectoryEntryKind, type DirectoryEntryList,
  type DirectoryEntryView, type OpeningPeriod,
} from '@utvag/domain';
import type { ApiError } from '../api/client';
import type { Translate } from '../i18n/translate';
import { failureMessage, type FormError } from '../ui/form-errors';

export type HoursMode = 'periods' | 'always' | 'none';
export type Places = DirectoryEntryList['places'];

/** The form's state: texts as typed, so nothing is lost while the person is still writing. */
export interface EntryDraft {
  kind: DirectoryEntryKind | '';
  name: string;
  description: Record<string, string>;
  phone: string;
  email: string;
  webAddress: string;
  protectedLocation: boolean;
  streetAddress: string;
  hoursMode: HoursMode;
  days: Record<Weekday, { opens: string; closes: string }>;
  /** A second period on a day is kept as it was; the form edits one period per day. */
  extraPeriods: OpeningPeriod[];
  note: Record<string, string>;
  languages: string;
  free: boolean;
  anonymous: boolean;
  forChildren: boolean;
  forAdults: boolean;
  coverageScope: CoverageScope;
  countyCodes: string[];
  municipalityNames: string;
  published: boolean;
}

export const fieldIds = {
  kind: 'entry-kind',
  name: 'entry-name',
  descriptionSv: 'entry-description-sv',
  descriptionEn: 'entry-description-en',
  phone: 'entry-phone',
  email: 'entry-email',
  webAddress: 'entry-web',
  protectedLocation: 'entry-protected',
  streetAddress: 'entry-address',
  hours: 'entry-hours',
  noteSv: 'entry-note-sv',
  noteEn: 'entry-note-en',
  languages: 'entry-languages',
  forAdults: 'entry-for-adults',
  coverage: 'entry-coverage',
  counties: 'entry-counties',
  municipalities: 'entry-municipalities',
  published: 'entry-published',
};

export const dayField = (day: Weekday, edge: 'opens' | 'closes') => `entry-${day}-${edge}`;

const emptyDays = (): EntryDraft['days'] =>
  Object.fromEntries(Weekday.options.map((day) => [day, { opens: '', closes: '' }])) as EntryDraft['days'];

export function newDraft(kinds: readonly DirectoryEntryKind[], scopes: readonly CoverageScope[]): EntryDraft {
  return {
    kind: kinds.length === 1 ? kinds[0]! : '', name: '', description: { sv: '', en: '' }, phone: '', email: '', webAddress: '', protectedLocation: false,
    streetAddress: '', hoursMode: 'periods', days: emptyDays(), extraPeriods: [], note: { sv: '', en: '' }, languages: 'sv', free: true, anonymous: false,
    forChildren: false, forAdults: true, coverageScope: scopes[0] ?? 'own_area', countyCodes: [], municipalityNames: '', published: true,
  };
}

const municipalityName = (places: Places, code: string) =>
  places.flatMap((county) => county.municipalities).find((municipality) => municipality.code === code)?.name ?? code;

export function draftOf(entry: DirectoryEntryView, places: Places): EntryDraft {
  const days = emptyDays();
  const extraPeriods: OpeningPeriod[] = [];
  for (const period of [...entry.openingHours.periods].sort((a, b) => a.opens.localeCompare(b.opens))) {
    if (days[period.day].opens) extraPeriods.push(period);
    else days[period.day] = { opens: period.opens, closes: period.closes };
  }
  const coverage = entry.coverage;
  return {
    kind: entry.kind, name: entry.name, description: { en: '', ...stringsOf(entry.description) }, phone: entry.phone ?? '', email: entry.email ?? '',
    webAddress: entry.webAddress ?? '', protectedLocation: entry.protectedLocation, streetAddress: entry.streetAddress ?? '',
    hoursMode: entry.openingHours.alwaysOpen ? 'always' : entry.openingHours.periods.length > 0 ? 'periods' : 'none', days, extraPeriods,
    note: { sv: '', en: '', ...stringsOf(entry.openingHours.note ?? {}) }, languages: entry.languages.join(', '), free: entry.free,
    anonymous: entry.anonymous, forChildren: entry.forChildren, forAdults: entry.forAdults, coverageScope: coverage.scope,
    countyCodes: coverage.scope === 'selected' ? coverage.countyCodes : [],
    municipalityNames: coverage.scope === 'selected' ? coverage.municipalityCodes.map((code) => municipalityName(places, code)).join(', ') : '',
    published: entry.published,
  };
}

function stringsOf(texts: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(texts).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
}

const filled = (texts: Record<string, string>) => Object.fromEntries(Object.entries(texts).map(([key, value]) => [key, value.trim()]).filter(([, value]) => value !== ''));

const folded = (text: string) => text.trim().toLocaleLowerCase('sv');

/** The names of the municipalities typed, as codes; names not found are returned apart. */
function municipalityCodes(places: Places, names: string): { codes: string[]; unknown: string[] } {
  const all = places.flatMap((county) => county.municipalities);
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const name of names.split(',').map((part) => part.trim()).filter(Boolean)) {
    const found = all.find((municipality) => folded(municipality.name) === folded(name) || municipality.code === name);
    if (found) {
      if (!codes.includes(found.code)) codes.push(found.code);
    } else unknown.push(name);
  }
  return { codes, unknown };
}

const messageKeys = {
  address_of_protected_service: ['streetAddress', 'directory.addressProtected'],
  contact_way_missing: ['phone', 'directory.contactMissing'],
  audience_missing: ['forAdults', 'directory.audienceMissing'],
  phone_format: ['phone', 'directory.phoneInvalid'],
  email_format: ['email', 'directory.emailInvalid'],
  web_address_format: ['webAddress', 'directory.webInvalid'],
  language_code_format: ['languages', 'directory.languagesInvalid'],
  codes_repeated: ['languages', 'directory.languagesInvalid'],
  coverage_empty: ['municipalities', 'directory.placesMissing'],
} as const;

function issueError(message: string, path: readonly PropertyKey[], t: Translate): FormError {
  if (message in messageKeys) {
    const [field, key] = messageKeys[message as keyof typeof messageKeys];
    return { fieldId: fieldIds[field], message: t(key) };
  }
  const top = String(path[0] ?? '');
  if (top === 'kind') return { fieldId: fieldIds.kind, message: t('directory.kindMissing') };
  if (top === 'name') return { fieldId: fieldIds.name, message: t('directory.nameMissing') };
  if (top === 'description') return { fieldId: fieldIds.descriptionSv, message: t('directory.descriptionMissing') };
  if (top === 'languages') return { fieldId: fieldIds.languages, message: t('directory.languagesInvalid') };
  if (top === 'email') return { fieldId: fieldIds.email, message: t('directory.emailInvalid') };
  return { message: t('validation.invalid') };
}

/** The request body, or the problems to show; the rules are the domain's own, so the server agrees. */
export function bodyOf(draft: EntryDraft, places: Places, t: Translate): { body: DirectoryEntryCreate } | { errors: FormError[] } {
  const errors: FormError[] = [];
  const periods: OpeningPeriod[] = [];
  if (draft.hoursMode === 'periods') {
    for (const day of Weekday.options) {
      const { opens, closes } = draft.days[day];
      if (!opens && !closes) continue;
      if (!opens || !closes || closes <= opens) {
        errors.push({ fieldId: dayField(day, opens ? 'closes' : 'opens'), message: t('directory.hoursInvalid', { day: t(`directory.day.${day}`) }) });
      } else periods.push({ day, opens, closes });
    }
    periods.push(...draft.extraPeriods);
  }
  if (draft.phone.trim() && !isPhoneNumber(draft.phone.trim())) errors.push({ fieldId: fieldIds.phone, message: t('directory.phoneInvalid') });
  if (draft.webAddress.trim() && !isWebAddress(draft.webAddress.trim())) errors.push({ fieldId: fieldIds.webAddress, message: t('directory.webInvalid') });
  let coverage: DirectoryEntryCreate['coverage'] = { scope: draft.coverageScope === 'selected' ? 'national' : draft.coverageScope };
  if (draft.coverageScope === 'selected') {
    const { codes, unknown } = municipalityCodes(places, draft.municipalityNames);
    for (const name of unknown) errors.push({ fieldId: fieldIds.municipalities, message: t('directory.municipalityUnknown', { name }) });
    coverage = { scope: 'selected', municipalityCodes: codes, countyCodes: draft.countyCodes };
  }
  const note = filled(draft.note);
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  const candidate = {
    kind: draft.kind,
    name: draft.name,
    description: filled(draft.description),
    phone: optional(draft.phone),
    email: optional(draft.email),
    webAddress: optional(draft.webAddress),
    streetAddress: draft.protectedLocation ? undefined : optional(draft.streetAddress),
    protectedLocation: draft.protectedLocation,
    openingHours: { alwaysOpen: draft.hoursMode === 'always', periods, ...(Object.keys(note).length > 0 ? { note } : {}) },
    languages: draft.languages.split(',').map((code) => code.trim().toLowerCase()).filter(Boolean),
    free: draft.free,
    anonymous: draft.anonymous,
    forChildren: draft.forChildren,
    forAdults: draft.forAdults,
    coverage,
    published: draft.published,
  };
  const parsed = DirectoryEntryCreate.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const error = issueError(issue.message, issue.path, t);
      if (!errors.some((known) => known.fieldId === error.fieldId && error.fieldId !== undefined)) errors.push(error);
    }
  }
  if (errors.length > 0 || !parsed.success) return { errors };
  return { body: parsed.data };
}

/** What the server said, in the person's words. */
export function entryFailure(error: ApiError, t: Translate): FormError[] {
  if (error.code === 'validation_failed' && error.issues.length > 0) {
    return error.issues.map((issue) => issueError(issue.message, issue.path.split('.').slice(1), t));
  }
  if (error.code === 'stale_version') return [{ message: t('directory.stale') }];
  if (error.code === 'coverage_not_allowed') return [{ fieldId: fieldIds.coverage, message: t('directory.coverageNotAllowed') }];
  if (error.code === 'kind_not_allowed') return [{ fieldId: fieldIds.kind, message: t('directory.kindNotAllowed') }];
  if (error.code === 'unknown_place') return [{ fieldId: fieldIds.municipalities, message: t('directory.placesMissing') }];
  return [{ message: failureMessage(error, t) }];
}
