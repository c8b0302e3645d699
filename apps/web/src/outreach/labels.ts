import type { OutreachArena, OutreachMaterial, OutreachReferral } from '@utvag/domain';
import { OutreachArena as Arenas, OutreachMaterial as Materials, OutreachReferral as Referrals } from '@utvag/domain';
import type { Translate } from '../i18n/translate';
import type { Option } from '../ui/select-field';

/** The languages met most often in outreach; the order follows how often they are needed. */
export const outreachLanguages = ['sv', 'en', 'ro', 'bg', 'hu', 'pl', 'ru', 'uk', 'th', 'es', 'ar', 'fa', 'so'] as const;
export type OutreachLanguage = (typeof outreachLanguages)[number];

export const arenaLabel = (t: Translate, arena: OutreachArena) => t(`outreach.arena.${arena}`);
export const materialLabel = (t: Translate, material: OutreachMaterial) => t(`outreach.material.${material}`);
export const referralLabel = (t: Translate, referral: OutreachReferral) => t(`outreach.referral.${referral}`);
export const languageLabel = (t: Translate, code: string) =>
  (outreachLanguages as readonly string[]).includes(code) ? t(`outreach.language.${code as OutreachLanguage}`) : code;

export const arenaOptions = (t: Translate): Option<OutreachArena>[] => Arenas.options.map((value) => ({ value, label: arenaLabel(t, value) }));
export const referralOptions = (t: Translate): Option<OutreachReferral>[] => Referrals.options.map((value) => ({ value, label: referralLabel(t, value) }));
export const languageOptions = (t: Translate): Option<OutreachLanguage>[] => outreachLanguages.map((value) => ({ value, label: languageLabel(t, value) }));
export const materials = Materials.options;
