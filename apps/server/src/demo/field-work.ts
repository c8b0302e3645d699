import { swedishDate, type ScreeningAnswers } from '@utvag/domain';
import { AccessContext, type StaffActor } from '../access/context';
import type { Keyring } from '../crypto/keyring';
import type { Db } from '../db/database';
import { recordEncounter } from '../outreach/service';
import { recordScreening } from '../screening/service';

type DemoStaff = Pick<StaffActor, 'userId' | 'organisationId' | 'organisationType' | 'roles' | 'name' | 'email'>;

const daysAgo = (now: Date, days: number) => swedishDate(new Date(now.getTime() - days * 86_400_000));

const noAnswers: ScreeningAnswers = {
  given_something_for_sex: 'no', pressured_or_threatened: 'no', controlled_by_someone: 'no', images_spread: 'no', owes_someone: 'no', wants_help: 'not_answered',
};

/**
 * A few months of fictional field work, so the outreach log, its statistics and the screening pages have
 * something to show: Örebro's intake worker logs outreach in coarse places, and the youth clinic's
 * counsellor asks the routine questions, once referring an adult into Örebro's program.
 */
export async function seedFieldWorkDemo(db: Db, keyring: Keyring, staff: { outreach: DemoStaff; screener: DemoStaff }, now = new Date()): Promise<void> {
  const outreach = new AccessContext(db, staff.outreach, 'demo-seed');
  const encounters = [
    { days: 3, arena: 'street', area: 'Centrum', peopleMet: 4, languages: ['ro', 'sv'], referral: ['exit_program', 'sti_testing'] },
    { days: 10, arena: 'online_ads', peopleMet: 6, languages: ['en', 'th'], referral: ['support_line'] },
    { days: 24, arena: 'hotel', area: 'Nära stationen', peopleMet: 2, languages: ['es'], referral: [] },
    { days: 38, arena: 'street', area: 'Centrum', peopleMet: 5, languages: ['ro', 'hu'], referral: ['healthcare'] },
    { days: 61, arena: 'massage_parlour', area: 'Västra delen', peopleMet: 3, languages: ['th'], referral: [] },
  ] as const;
  for (const encounter of encounters) {
    await recordEncounter(outreach, keyring, {
      date: daysAgo(now, encounter.days), arena: encounter.arena, municipalityCode: '1880',
      ...('area' in encounter ? { area: encounter.area } : {}),
      languages: [...encounter.languages],
      materials: [{ material: 'information_leaflet', count: encounter.peopleMet * 2 }, { material: 'contact_card', count: encounter.peopleMet }],
      referralOffered: encounter.referral.length > 0, referralTo: [...encounter.referral], peopleMet: encounter.peopleMet,
    }, null);
  }

  const screener = new AccessContext(db, staff.screener, 'demo-seed');
  await recordScreening(screener, keyring, { setting: 'youth_clinic', isChild: false, answers: noAnswers, followUp: null }, null);
  await recordScreening(screener, keyring, {
    setting: 'youth_clinic', isChild: false,
    answers: { ...noAnswers, given_something_for_sex: 'yes', owes_someone: 'unsure', wants_help: 'yes' },
    followUp: { kind: 'program_referral', personAgrees: true, municipalityCode: '1880' },
  }, null);
}
