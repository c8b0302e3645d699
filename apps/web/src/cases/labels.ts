import type { CaseStatus, InformationCategory, ConsentPurpose, Program, ProtectedIdentity, TeamRole } from '../api/types';
import type { Option } from '../ui/select-field';
import type { Translate } from '../i18n/translate';

// Each list names every value of its enumeration once (checked by the compiler), in the order shown.
const programs = ['exit_program', 'child_program'] as const satisfies readonly Program[];
const protectedIdentities = ['none', 'confidentiality_marking', 'protected_registration', 'assumed_identity'] as const satisfies readonly ProtectedIdentity[];

export const programOptions = (t: Translate): Option<Program>[] => programs.map((value) => ({ value, label: t(`program.${value}`) }));

export const protectedIdentityOptions = (t: Translate): Option<ProtectedIdentity>[] =>
  protectedIdentities.map((value) => ({ value, label: t(`protectedIdentity.${value}`) }));

const accessVia = ['coordinator', 'owning_team', 'owning_manager', 'emergency', 'external_team'] as const;

/** How the reader reaches the case ("som samordnare", "genom samtycke"); an unknown way is shown as its code. */
export function accessViaLabel(t: Translate, via: string): string {
  const known = accessVia.find((each) => each === via);
  return known ? t(`access.${known}`) : via;
}

export const statusLabel = (t: Translate, status: CaseStatus) => t(`status.${status}`);
export const teamRoleLabel = (t: Translate, role: TeamRole) => t(`teamRole.${role}`);

/** "hälsa" → "Hälsa": category and purpose phrases double as checkbox labels. */
export function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export const categoryPhrase = (t: Translate, category: InformationCategory) => t(`category.${category}`);
export const purposePhrase = (t: Translate, purpose: ConsentPurpose) => t(`purpose.${purpose}`);
