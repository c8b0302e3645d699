import { z } from 'zod';

/** How a person first came into contact with the program (kontaktväg). */
export const EntryChannel = z.enum([
  'support_line', 'anonymous_mailbox', 'outreach', 'low_threshold_service', 'youth_clinic', 'student_health',
  'healthcare', 'police', 'migration_agency', 'civil_society', 'self_referral', 'other_municipality',
  'social_services',
]);
export type EntryChannel = z.infer<typeof EntryChannel>;
