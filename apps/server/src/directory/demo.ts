import { resolveCoverage, type DirectoryCoverage, type OrganisationType, type Weekday } from '@utvag/domain';
import { recordAudit } from '../audit/audit';
import type { Db } from '../db/database';
import { insertDirectoryEntry, selectCoverageOrganisation, type DirectoryEntryFields } from './store';

type DemoEntry = Omit<DirectoryEntryFields, 'coverage' | 'coverageScope'> & { coverage: DirectoryCoverage };

const weekdays = (opens: string, closes: string, days: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri']) =>
  days.map((day) => ({ day, opens, closes }));

const base = { email: null, webAddress: null, streetAddress: null, protectedLocation: false, free: true, published: true } as const;

/** Clearly fictional services: every name says "(demo)" and the numbers lead nowhere. */
const demoEntries: Record<string, DemoEntry[]> = {
  orebro: [{
    ...base, kind: 'social_services', name: 'Stödmottagningen Utvägen (demo)',
    description: {
      sv: 'Socialtjänstens mottagning för dig som säljer eller har sålt sex, eller utnyttjas sexuellt. Du kan vara anonym första gången.',
      en: 'Social services\' clinic for people who sell or have sold sex, or are sexually exploited. You can stay anonymous the first time.',
    },
    phone: '019-000 00 00', streetAddress: 'Exempelgatan 1, Örebro', openingHours: { alwaysOpen: false, periods: weekdays('08:00', '16:00') },
    languages: ['sv', 'en', 'ro'], anonymous: true, forChildren: false, forAdults: true, coverage: { scope: 'own_area' },
  }],
  region: [{
    ...base, kind: 'youth_clinic', name: 'Ungdomsmottagningen i länet (demo)',
    description: { sv: 'För dig mellan 13 och 25 år. Prata om sex, relationer och hur du mår. Ingen fråga är konstig.', en: 'For you aged 13 to 25. Talk about sex, relationships and how you feel.' },
    phone: '019-000 00 01', openingHours: { alwaysOpen: false, periods: weekdays('13:00', '17:00', ['mon', 'tue', 'wed', 'thu']), note: { sv: 'Drop-in på onsdagar.' } },
    languages: ['sv', 'en', 'ar'], anonymous: true, forChildren: true, forAdults: true, coverage: { scope: 'own_area' },
  }],
  civil: [{
    ...base, kind: 'civil_society', name: 'Föreningen Exempelhjälpen (demo)',
    description: { sv: 'Stödpersoner som själva har tagit sig ur. Vi följer med till möten och finns där när det är tungt.', en: 'Support persons who have got out themselves. We come along to meetings and are there when it is hard.' },
    phone: '020-000 00 02', email: 'kontakt@exempelhjalpen.demo.utvag.se', openingHours: { alwaysOpen: false, periods: weekdays('10:00', '18:00') },
    languages: ['sv', 'ro', 'hu', 'th'], anonymous: true, forChildren: false, forAdults: true, coverage: { scope: 'selected', municipalityCodes: ['1490'], countyCodes: ['18'] },
  }, {
    ...base, kind: 'support_line', name: 'Exempellinjen – stödlinje (demo)',
    description: { sv: 'Ring och prata med någon, dygnet runt. Du behöver inte säga vem du är.', en: 'Call and talk to someone, day and night. You do not have to say who you are.' },
    phone: '020-000 00 03', openingHours: { alwaysOpen: true, periods: [] },
    languages: ['sv', 'en'], anonymous: true, forChildren: true, forAdults: true, coverage: { scope: 'national' },
  }],
};

/** Adds the demo organisations' directory entries; `publisherIds` names one staff member per organisation. */
export async function seedDirectoryDemo(db: Db, organisations: Record<string, { id: string }>, publisherIds: Record<string, string>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [key, entries] of Object.entries(demoEntries)) {
      const organisationId = organisations[key]?.id;
      const userId = publisherIds[key];
      if (!organisationId || !userId) continue;
      const organisation = await selectCoverageOrganisation(trx, organisationId);
      for (const { coverage: chosen, ...entry } of entries) {
        const coverage = resolveCoverage({ ...organisation, type: organisation.type as OrganisationType }, chosen);
        if ('error' in coverage) throw new Error(`Demo entry ${entry.name}: ${coverage.error}`);
        const entryId = await insertDirectoryEntry(trx, organisationId, userId, { ...entry, coverageScope: chosen.scope, coverage });
        await recordAudit(trx, { userId: null, organisationId, role: null, requestId: 'demo-seed' }, [{ action: 'directory_entry.create', details: { entryId, kind: entry.kind } }]);
      }
    }
  });
}
