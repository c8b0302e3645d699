import type { ParticipantView, ProtectedIdentity } from '../api/types';

/** The participant form's state: text as typed; turned into an API body only on submit. */
export interface ParticipantDraft {
  alias: string;
  firstName: string;
  lastName: string;
  identityNumber: string;
  phone: string;
  email: string;
  address: string;
  languages: string;
  interpreterNeeded: boolean;
  interpreterLanguage: string;
  protectedIdentity: ProtectedIdentity;
}

/** The participant part of POST /cases and PATCH /cases/:id; null clears a field. */
interface ParticipantBody {
  alias?: string;
  firstName?: string | null;
  lastName?: string | null;
  identityNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  languages?: string[];
  interpreterNeeded?: boolean;
  interpreterLanguage?: string | null;
  protectedIdentity?: ProtectedIdentity;
}

const identifyingKeys = ['firstName', 'lastName', 'identityNumber', 'phone', 'email', 'address'] as const;

export const emptyParticipantDraft: ParticipantDraft = {
  alias: '', firstName: '', lastName: '', identityNumber: '', phone: '', email: '', address: '',
  languages: '', interpreterNeeded: false, interpreterLanguage: '', protectedIdentity: 'none',
};

/** Where each API field path is shown, for error messages next to the right control. */
export const participantFieldIds: Readonly<Record<string, string>> = {
  'participant.alias': 'participant-alias',
  'participant.firstName': 'participant-first-name',
  'participant.lastName': 'participant-last-name',
  'participant.identityNumber': 'participant-identity-number',
  'participant.phone': 'participant-phone',
  'participant.email': 'participant-email',
  'participant.address': 'participant-address',
  'participant.languages': 'participant-languages',
  'participant.interpreterNeeded': 'participant-interpreter-needed',
  'participant.interpreterLanguage': 'participant-interpreter-language',
  'participant.protectedIdentity': 'participant-protected-identity-none',
};

/** Twelve digits (YYYYMMDDNNNN) as people write them: YYYYMMDD-NNNN. */
export function formatIdentityNumber(normalized: string): string {
  return /^\d{12}$/.test(normalized) ? `${normalized.slice(0, 8)}-${normalized.slice(8)}` : normalized;
}

function parseLanguages(text: string): string[] {
  return text.split(/[\s,;]+/).map((code) => code.trim().toLowerCase()).filter(Boolean);
}

export function draftFromView(view: ParticipantView): ParticipantDraft {
  return {
    alias: view.alias,
    firstName: view.firstName ?? '',
    lastName: view.lastName ?? '',
    identityNumber: view.identityNumber ? formatIdentityNumber(view.identityNumber) : '',
    phone: view.phone ?? '',
    email: view.email ?? '',
    address: view.address ?? '',
    languages: view.languages.join(', '),
    interpreterNeeded: view.interpreterNeeded,
    interpreterLanguage: view.interpreterLanguage ?? '',
    protectedIdentity: view.protectedIdentity,
  };
}

/** A new participant: anonymous ones are sent with their alias and languages only. */
export function participantForCreate(draft: ParticipantDraft, identified: boolean): ParticipantBody {
  const body: ParticipantBody = {
    alias: draft.alias.trim(),
    languages: parseLanguages(draft.languages),
    interpreterNeeded: draft.interpreterNeeded,
    protectedIdentity: identified ? draft.protectedIdentity : 'none',
  };
  if (draft.interpreterNeeded && draft.interpreterLanguage.trim()) body.interpreterLanguage = draft.interpreterLanguage.trim().toLowerCase();
  if (identified) {
    for (const key of identifyingKeys) {
      const value = draft[key].trim();
      if (value) body[key] = value;
    }
  }
  return body;
}

/** Only what changed, so an edit never overwrites a field the user did not touch. */
export function participantChanges(original: ParticipantDraft, draft: ParticipantDraft): ParticipantBody {
  const changes: ParticipantBody = {};
  if (draft.alias.trim() !== original.alias.trim()) changes.alias = draft.alias.trim();
  for (const key of identifyingKeys) {
    if (draft[key].trim() !== original[key].trim()) changes[key] = draft[key].trim() || null;
  }
  const languages = parseLanguages(draft.languages);
  if (languages.join(',') !== parseLanguages(original.languages).join(',')) changes.languages = languages;
  if (draft.interpreterNeeded !== original.interpreterNeeded) changes.interpreterNeeded = draft.interpreterNeeded;
  const interpreterLanguage = draft.interpreterNeeded ? draft.interpreterLanguage.trim().toLowerCase() : '';
  if (interpreterLanguage !== original.interpreterLanguage.trim().toLowerCase()) changes.interpreterLanguage = interpreterLanguage || null;
  if (draft.protectedIdentity !== original.protectedIdentity) changes.protectedIdentity = draft.protectedIdentity;
  return changes;
}
