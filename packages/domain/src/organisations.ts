import { z } from 'zod';

/** The kinds of organisation that take part in the programs. */
export const OrganisationType = z.enum([
  'municipality',
  'region',
  'civil_society',
  'national_agency',
  'county_board',
  'collaboration',
]);
export type OrganisationType = z.infer<typeof OrganisationType>;

/** Staff roles, as named in DESIGN.md; `participant` is not a staff role and has no login here yet. */
export const Role = z.enum([
  'coordinator',
  'team_member',
  'support_person',
  'manager',
  'intake',
  'regional_coordinator',
  'analyst',
  'org_admin',
]);
export type Role = z.infer<typeof Role>;

/** The roles a person can hold in one participant's cross-professional group. */
export const TeamRole = z.enum(['coordinator', 'team_member', 'support_person', 'mentor']);
export type TeamRole = z.infer<typeof TeamRole>;

/** A collaboration is run by two or more municipalities; fewer is not a collaboration. */
export function isValidCollaboration(memberMunicipalityCodes: readonly string[]): boolean {
  return new Set(memberMunicipalityCodes).size >= 2;
}
