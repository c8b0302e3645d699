import { z } from 'zod';
import type { Actor } from './access';
import { LanguageCode } from './cases';

/** Where an outreach encounter happened (arena för uppsökande arbete). */
export const OutreachArena = z.enum(['street', 'online_ads', 'dating_site', 'sugar_dating_site', 'hotel', 'massage_parlour', 'other']);
export type OutreachArena = z.infer<typeof OutreachArena>;

/** What the outreach worker handed over. */
export const OutreachMaterial = z.enum(['information_leaflet', 'contact_card', 'condoms', 'hygiene_kit', 'food_or_drink', 'other']);
export type OutreachMaterial = z.infer<typeof OutreachMaterial>;

/** What a person met in outreach was offered to be referred to. */
export const OutreachReferral = z.enum([
  'exit_program', 'social_services', 'healthcare', 'sti_testing', 'support_line', 'civil_society', 'protected_housing', 'police', 'other',
]);
export type OutreachReferral = z.infer<typeof OutreachReferral>;

/** The longest coarse area ("Centrum", "Nära stationen"): a district, never an address. */
export const outreachAreaMaxLength = 40;
/** The longest note: a few words on the encounter, never who it was. */
export const outreachNoteMaxLength = 500;
/** Hours during which the author may still correct an encounter. */
export const outreachEditHours = 24;
/** Statistics cells counting fewer encounters than this are hidden from anyone outside the organisation. */
export const statisticsSuppressionThreshold = 5;

/**
 * A coarse area names a district, not a spot: digits (street numbers, postcodes, phone numbers) and
 * address words such as "gatan" or "vägen" followed by more text are refused.
 */
export function isCoarseArea(text: string): boolean {
  if (/\d/.test(text)) return false;
  if (/@|https?:|www\./i.test(text)) return false;
  return true;
}

const isoDate = z.iso.date();

/** An encounter's date is today or earlier, and no more than a year back. */
export function isPlausibleEncounterDate(date: string, now: Date): boolean {
  const day = new Date(`${date}T00:00:00Z`).getTime();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  // A day of slack forwards: the worker's local date may be ahead of UTC.
  return day <= today + 86_400_000 && day >= today - 366 * 86_400_000;
}

export const OutreachMaterialCount = z.strictObject({
  material: OutreachMaterial,
  count: z.int().min(1).max(1000),
});
export type OutreachMaterialCount = z.infer<typeof OutreachMaterialCount>;

const encounterFields = {
  date: isoDate,
  arena: OutreachArena,
  municipalityCode: z.string().regex(/^[0-9]{4}$/, 'municipality_code'),
  area: z.string().trim().max(outreachAreaMaxLength).refine(isCoarseArea, { message: 'area_not_coarse' }).optional(),
  languages: z.array(LanguageCode).max(10).refine((codes) => new Set(codes).size === codes.length, { message: 'languages_repeated' }),
  materials: z.array(OutreachMaterialCount).max(OutreachMaterial.options.length)
    .refine((items) => new Set(items.map((item) => item.material)).size === items.length, { message: 'materials_repeated' }),
  referralOffered: z.boolean(),
  referralTo: z.array(OutreachReferral).max(OutreachReferral.options.length)
    .refine((items) => new Set(items).size === items.length, { message: 'referrals_repeated' }),
  peopleMet: z.int().min(1).max(200),
  note: z.string().trim().max(outreachNoteMaxLength).optional(),
};

type EncounterFields = { referralOffered: boolean; referralTo: readonly OutreachReferral[] };
/** A referral offered names what to; one not offered names nothing. */
export const referralIsConsistent = (value: EncounterFields) => value.referralOffered === (value.referralTo.length > 0);

export const OutreachEncounterCreate = z.strictObject(encounterFields)
  .refine(referralIsConsistent, { message: 'referral_inconsistent', path: ['referralTo'] });
export type OutreachEncounterCreate = z.infer<typeof OutreachEncounterCreate>;

export const OutreachEncounterUpdate = z.strictObject({ version: z.int().min(1), ...encounterFields })
  .refine(referralIsConsistent, { message: 'referral_inconsistent', path: ['referralTo'] });
export type OutreachEncounterUpdate = z.infer<typeof OutreachEncounterUpdate>;

export const OutreachEncounterView = z.object({
  id: z.uuid(),
  date: z.string(),
  arena: OutreachArena,
  municipalityCode: z.string(),
  municipalityName: z.string(),
  area: z.string().nullable(),
  languages: z.array(z.string()),
  materials: z.array(OutreachMaterialCount),
  referralOffered: z.boolean(),
  referralTo: z.array(OutreachReferral),
  peopleMet: z.int(),
  note: z.string().nullable(),
  createdBy: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: z.string(),
  version: z.int(),
  /** The reader wrote it and the correction window is still open. */
  canEdit: z.boolean(),
});
export type OutreachEncounterView = z.infer<typeof OutreachEncounterView>;

export const OutreachEncounterList = z.object({
  encounters: z.array(OutreachEncounterView),
  /** What the form starts with: today, the organisation's municipality, the last arena this user chose. */
  defaults: z.object({ date: z.string(), municipalityCode: z.string().nullable(), arena: OutreachArena }),
  municipalities: z.array(z.object({ code: z.string(), name: z.string() })),
  canRecord: z.boolean(),
});
export type OutreachEncounterList = z.infer<typeof OutreachEncounterList>;

/** Who statistics are shown to: the organisation itself sees every count; anyone else sees small counts hidden. */
export const StatisticsAudience = z.enum(['organisation', 'outside']);
export type StatisticsAudience = z.infer<typeof StatisticsAudience>;

export const OutreachStatisticsCell = z.object({
  month: z.string(),
  arena: OutreachArena,
  municipalityCode: z.string(),
  municipalityName: z.string(),
  /** Null when hidden because it is below the threshold. */
  encounters: z.int().nullable(),
  peopleMet: z.int().nullable(),
  referralsOffered: z.int().nullable(),
  suppressed: z.boolean(),
});
export type OutreachStatisticsCell = z.infer<typeof OutreachStatisticsCell>;

export const OutreachStatistics = z.object({
  audience: StatisticsAudience,
  threshold: z.int(),
  cells: z.array(OutreachStatisticsCell),
});
export type OutreachStatistics = z.infer<typeof OutreachStatistics>;

/** Log outreach encounters: intake staff (mottagning, stödlinje, uppsökare). */
export function canRecordOutreach(actor: Actor): boolean {
  return actor.roles.includes('intake');
}

/** Read the organisation's outreach log and statistics: intake staff and managers. */
export function canReadOutreach(actor: Actor): boolean {
  return actor.roles.some((role) => role === 'intake' || role === 'manager');
}

/** The author corrects an encounter within `outreachEditHours` of logging it; after that it stands. */
export function canEditEncounter(actor: Pick<Actor, 'userId'>, encounter: { createdBy: string; createdAt: Date }, now: Date): boolean {
  return encounter.createdBy === actor.userId && now.getTime() - encounter.createdAt.getTime() <= outreachEditHours * 3_600_000;
}

/**
 * Small-cell suppression for statistics shown outside the organisation: a count above zero and below
 * `threshold` could point at a few people, so it is hidden. Inside the organisation nothing is hidden.
 */
export function hidesCount(count: number, audience: StatisticsAudience, threshold = statisticsSuppressionThreshold): boolean {
  return audience === 'outside' && count > 0 && count < threshold;
}

/** A cell's counts as one audience may see them: all of them, or (when its `basis` count is small) none. */
export function suppressCell<Counts extends Record<string, number>>(
  counts: Counts, basis: keyof Counts, audience: StatisticsAudience, threshold = statisticsSuppressionThreshold,
): { counts: { [K in keyof Counts]: number | null }; suppressed: boolean } {
  if (!hidesCount(counts[basis] ?? 0, audience, threshold)) return { counts, suppressed: false };
  const hidden = Object.fromEntries(Object.keys(counts).map((key) => [key, null])) as { [K in keyof Counts]: number | null };
  return { counts: hidden, suppressed: true };
}
