import { z } from 'zod';
import type { Actor } from './access';
import type { OrganisationType } from './organisations';

/** The languages of the public site; an entry's texts may be given in any of them, Swedish always. */
export const DirectoryLanguage = z.enum(['sv', 'sv-ll', 'en', 'ro', 'hu', 'pl', 'bg', 'ru', 'uk', 'th', 'es', 'pt', 'ar', 'fa', 'so']);
export type DirectoryLanguage = z.infer<typeof DirectoryLanguage>;

/** What kind of help a directory entry offers. */
export const DirectoryEntryKind = z.enum(['social_services', 'specialised_clinic', 'youth_clinic', 'health_care', 'civil_society', 'support_line']);
export type DirectoryEntryKind = z.infer<typeof DirectoryEntryKind>;

/**
 * The order of the groups on the public page: help nearby first (the municipality's social services
 * own the program), national lines last because they are the same everywhere and are always shown.
 */
export const directoryKindOrder: readonly DirectoryEntryKind[] = DirectoryEntryKind.options;

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'time_format' });

/** One opening period on one weekday; a period closes after it opens ("24:00" closes at midnight). */
export const OpeningPeriod = z
  .strictObject({ day: Weekday, opens: clockTime, closes: clockTime })
  .refine((period) => period.opens < period.closes, { message: 'closes_before_opens', path: ['closes'] });
export type OpeningPeriod = z.infer<typeof OpeningPeriod>;

/** The longest description, in characters. */
export const directoryDescriptionMaxLength = 2000;

/** A text in Swedish and, optionally, in any other language of the public site. Empty texts count as absent. */
function localizedText(max: number) {
  const other = z.string().trim().max(max).optional();
  return z.strictObject({
    sv: z.string().trim().min(1).max(max),
    'sv-ll': other, en: other, ro: other, hu: other, pl: other, bg: other, ru: other, uk: other, th: other, es: other, pt: other, ar: other, fa: other, so: other,
  });
}
export const DirectoryDescription = localizedText(directoryDescriptionMaxLength);
export type DirectoryDescription = z.infer<typeof DirectoryDescription>;
export const OpeningHoursNote = localizedText(300);
export type OpeningHoursNote = z.infer<typeof OpeningHoursNote>;

/** Open day and night, or on the listed periods; a note says what a table cannot (holidays, drop-in). */
export const OpeningHours = z
  .strictObject({
    alwaysOpen: z.boolean(),
    periods: z.array(OpeningPeriod).max(21),
    note: OpeningHoursNote.optional(),
  })
  .refine((hours) => !(hours.alwaysOpen && hours.periods.length > 0), { message: 'always_open_with_periods', path: ['periods'] });
export type OpeningHours = z.infer<typeof OpeningHours>;

/**
 * Where an entry serves. `own_area` is the publishing organisation's own area: a municipality's
 * municipality, a collaboration's member municipalities, a region's or county board's county.
 */
export const CoverageScope = z.enum(['own_area', 'national', 'selected']);
export type CoverageScope = z.infer<typeof CoverageScope>;

const municipalityCode = z.string().regex(/^\d{4}$/, { message: 'municipality_code_format' });
const countyCode = z.string().regex(/^\d{2}$/, { message: 'county_code_format' });
const uniqueCodes = <T extends z.ZodType<string>>(code: T, max: number) =>
  z.array(code).max(max).refine((codes) => new Set(codes).size === codes.length, { message: 'codes_repeated' });

export const DirectoryCoverage = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('own_area') }),
  z.strictObject({ scope: z.literal('national') }),
  z.strictObject({ scope: z.literal('selected'), municipalityCodes: uniqueCodes(municipalityCode, 290), countyCodes: uniqueCodes(countyCode, 21) })
    .refine((value) => value.municipalityCodes.length + value.countyCodes.length > 0, { message: 'coverage_empty', path: ['municipalityCodes'] }),
]);
export type DirectoryCoverage = z.infer<typeof DirectoryCoverage>;

/** Only web addresses a browser opens as a page: no javascript:, data: or file: links on the public site. */
export function isWebAddress(value: string): boolean {
  // A host with a dot and no user or password, an optional port, then any path; no spaces anywhere.
  return /^https?:\/\/[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?::\d{1,5})?(?:[/?#]\S*)?$/iu.test(value);
}

/** A phone number as people write it: digits, spaces, hyphens and an optional leading plus; 3 to 15 digits (112 and 116 111 included). */
export function isPhoneNumber(value: string): boolean {
  if (!/^\+?[\d\s-]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 3 && digits <= 15;
}

/** The number as a tel: link wants it: the plus and the digits. */
export function phoneLinkNumber(value: string): string {
  return value.replace(/[^\d+]/g, '');
}

const directoryEntryFields = {
  kind: DirectoryEntryKind,
  name: z.string().trim().min(1).max(200),
  description: DirectoryDescription,
  phone: z.string().trim().max(40).refine(isPhoneNumber, { message: 'phone_format' }).optional(),
  email: z.email({ message: 'email_format' }).max(200).optional(),
  webAddress: z.string().trim().max(500).refine(isWebAddress, { message: 'web_address_format' }).optional(),
  /** Where to find the service. Never given for a protected service (a shelter, a protected housing). */
  streetAddress: z.string().trim().min(1).max(300).optional(),
  protectedLocation: z.boolean(),
  openingHours: OpeningHours,
  /** Languages the service can be had in without an interpreter, as ISO 639 codes ("sv", "ro", "prs"). */
  languages: uniqueCodes(z.string().regex(/^[a-z]{2,3}$/, { message: 'language_code_format' }), 40).min(1),
  free: z.boolean(),
  anonymous: z.boolean(),
  forChildren: z.boolean(),
  forAdults: z.boolean(),
  coverage: DirectoryCoverage,
  published: z.boolean(),
};

type EntryRuleInput = { streetAddress?: string; protectedLocation: boolean; phone?: string; email?: string; webAddress?: string; forChildren: boolean; forAdults: boolean };

/** A protected service's address is never published: it could lead someone to the people it hides. */
export function addressAllowed(entry: Pick<EntryRuleInput, 'streetAddress' | 'protectedLocation'>): boolean {
  return !(entry.protectedLocation && entry.streetAddress);
}

/** A visitor must be able to reach the service somehow. */
export function hasContactWay(entry: Pick<EntryRuleInput, 'phone' | 'email' | 'webAddress' | 'streetAddress'>): boolean {
  return Boolean(entry.phone || entry.email || entry.webAddress || entry.streetAddress);
}

function withEntryRules<T extends z.ZodType<EntryRuleInput>>(schema: T) {
  return schema
    .refine(addressAllowed, { message: 'address_of_protected_service', path: ['streetAddress'] })
    .refine(hasContactWay, { message: 'contact_way_missing', path: ['phone'] })
    .refine((entry) => entry.forChildren || entry.forAdults, { message: 'audience_missing', path: ['forAdults'] });
}

export const DirectoryEntryCreate = withEntryRules(z.strictObject(directoryEntryFields));
export type DirectoryEntryCreate = z.infer<typeof DirectoryEntryCreate>;

/** A change names the version the editor read and replaces the entry as a whole. */
export const DirectoryEntryUpdate = withEntryRules(z.strictObject({ version: z.int().min(1), ...directoryEntryFields }));
export type DirectoryEntryUpdate = z.infer<typeof DirectoryEntryUpdate>;

export const DirectoryEntryPublication = z.strictObject({ version: z.int().min(1), published: z.boolean() });
export type DirectoryEntryPublication = z.infer<typeof DirectoryEntryPublication>;

export const DirectoryEntryView = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  kind: DirectoryEntryKind,
  name: z.string(),
  description: DirectoryDescription,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  webAddress: z.string().nullable(),
  streetAddress: z.string().nullable(),
  protectedLocation: z.boolean(),
  openingHours: OpeningHours,
  languages: z.array(z.string()),
  free: z.boolean(),
  anonymous: z.boolean(),
  forChildren: z.boolean(),
  forAdults: z.boolean(),
  coverage: DirectoryCoverage,
  published: z.boolean(),
  updatedAt: z.string(),
  version: z.int(),
});
export type DirectoryEntryView = z.infer<typeof DirectoryEntryView>;

export const DirectoryEntryList = z.object({
  entries: z.array(DirectoryEntryView),
  /** May the reader create, change and delete the organisation's entries? */
  canMaintain: z.boolean(),
  /** The coverage the reader's organisation may choose. */
  coverageScopes: z.array(CoverageScope),
  /** The kinds the reader's organisation may publish. */
  kinds: z.array(DirectoryEntryKind),
  /** Counties and their municipalities to choose from; empty unless the organisation chooses its own coverage. */
  places: z.array(z.object({ code: z.string(), name: z.string(), municipalities: z.array(z.object({ code: z.string(), name: z.string() })) })),
});
export type DirectoryEntryList = z.infer<typeof DirectoryEntryList>;

/** Maintain an organisation's directory entries: its org admins and managers, and nobody outside it. */
export function canMaintainDirectory(actor: Actor, organisationId: string): boolean {
  return actor.organisationId === organisationId && actor.roles.some((role) => role === 'org_admin' || role === 'manager');
}

/** The coverage each kind of organisation may choose; civil society chooses its area or runs a national line. */
export function coverageScopesFor(type: OrganisationType): CoverageScope[] {
  switch (type) {
    case 'municipality':
    case 'collaboration':
    case 'region':
    case 'county_board':
      return ['own_area'];
    case 'national_agency':
      return ['national'];
    case 'civil_society':
      return ['selected', 'national'];
  }
}

/** Only social services publish as social services: a visitor must not mistake an association for the authority. */
export function kindsFor(type: OrganisationType): DirectoryEntryKind[] {
  const holdsCases = type === 'municipality' || type === 'collaboration';
  return DirectoryEntryKind.options.filter((kind) => kind !== 'social_services' || holdsCases);
}

/** The publishing organisation's own area, as coverage needs it. */
export interface CoverageOrganisation {
  type: OrganisationType;
  municipalityCode: string | null;
  countyCode: string | null;
  memberMunicipalityCodes: readonly string[];
}

/** Coverage as stored: every municipality (national), or the listed municipalities and counties. */
export interface ResolvedCoverage {
  national: boolean;
  municipalityCodes: string[];
  countyCodes: string[];
}

/** Turns the chosen coverage into the places served, or names the rule it breaks. */
export function resolveCoverage(organisation: CoverageOrganisation, coverage: DirectoryCoverage): ResolvedCoverage | { error: 'coverage_not_allowed' } {
  if (!coverageScopesFor(organisation.type).includes(coverage.scope)) return { error: 'coverage_not_allowed' };
  switch (coverage.scope) {
    case 'national':
      return { national: true, municipalityCodes: [], countyCodes: [] };
    case 'selected':
      return { national: false, municipalityCodes: [...coverage.municipalityCodes].sort(), countyCodes: [...coverage.countyCodes].sort() };
    case 'own_area':
      if (organisation.type === 'region' || organisation.type === 'county_board') {
        return organisation.countyCode ? { national: false, municipalityCodes: [], countyCodes: [organisation.countyCode] } : { error: 'coverage_not_allowed' };
      }
      if (organisation.type === 'collaboration') {
        return { national: false, municipalityCodes: [...new Set(organisation.memberMunicipalityCodes)].sort(), countyCodes: [] };
      }
      return organisation.municipalityCode
        ? { national: false, municipalityCodes: [organisation.municipalityCode], countyCodes: [] }
        : { error: 'coverage_not_allowed' };
  }
}

/** Does an entry serve people in this municipality? A county covers each of its municipalities; national covers all 290. */
export function servesMunicipality(coverage: ResolvedCoverage, municipality: { code: string; countyCode: string }): boolean {
  return coverage.national || coverage.municipalityCodes.includes(municipality.code) || coverage.countyCodes.includes(municipality.countyCode);
}

/** What a visitor can be told about today. */
export type OpeningToday =
  | { kind: 'always' }
  | { kind: 'open'; periods: { opens: string; closes: string }[] }
  | { kind: 'closed' }
  | { kind: 'unknown' };

/** The opening on one weekday; entries without any periods say nothing rather than "closed". */
export function openingOn(hours: OpeningHours, day: Weekday): OpeningToday {
  if (hours.alwaysOpen) return { kind: 'always' };
  if (hours.periods.length === 0) return { kind: 'unknown' };
  const periods = hours.periods.filter((period) => period.day === day).sort((a, b) => a.opens.localeCompare(b.opens));
  return periods.length === 0 ? { kind: 'closed' } : { kind: 'open', periods: periods.map(({ opens, closes }) => ({ opens, closes })) };
}

/** The weekday of `date` in Sweden, where every listed service keeps its hours. */
export function swedishWeekday(date: Date): Weekday {
  const short = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'Europe/Stockholm' }).format(date).toLowerCase().slice(0, 3);
  return Weekday.parse(short);
}

/** The text in the visitor's language, falling back to easy Swedish's source and then Swedish. */
export function textIn(text: DirectoryDescription | OpeningHoursNote, language: DirectoryLanguage): { text: string; language: DirectoryLanguage } {
  const own = text[language];
  if (own) return { text: own, language };
  if (language === 'sv-ll') return { text: text.sv, language: 'sv' };
  if (text.en && language !== 'sv') return { text: text.en, language: 'en' };
  return { text: text.sv, language: 'sv' };
}
