import {
  ScreeningAnswers, ScreeningIndication, ScreeningSetting, canCreateCase, canReadScreenings, canReceiveScreeningReferrals, canScreen,
  entryChannelOfSetting, followUpViolation, runsProgram, screeningOutcome,
  type IncomingScreeningReferral, type ScreeningCreate, type ScreeningList, type ScreeningStatistics, type ScreeningView,
} from '@utvag/domain';
import type { AccessContext, CaseScope } from '../access/context';
import { insertCase, insertParticipant } from '../cases/store';
import type { Keyring } from '../crypto/keyring';
import { BadRequestError, ForbiddenError, NotFoundError } from '../http/errors';
import { onceOnly } from '../http/idempotency';
import {
  ANSWERS_CONTEXT, insertReferral, insertScreening, selectIdentificationCounts, selectIncomingReferrals, selectReceiver, selectReceivers,
  selectRecipients, selectScreenings, type ScreeningRow,
} from './store';

const listLimit = 50;
/** Å, Ä and Ö last, as a Swedish reader expects, whatever the database's collation. */
const bySwedishName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'sv');

const violationMessages = {
  report_of_concern_required: 'A child with signs of exploitation must be reported to social services: choose the municipality to report to.',
  report_of_concern_only_for_child: 'A report of concern is for a child. For an adult, offer a referral into the program.',
  referral_without_indication: 'The answers show no sign of exploitation, so there is nothing to refer or report.',
  referral_for_child: 'A child reaches the children\'s program through a report of concern to social services, not a referral.',
} as const;

function requireScreener(access: AccessContext): void {
  if (!canScreen(access.actor)) throw new ForbiddenError('cannot_screen', 'The routine questions are recorded by intake staff, team members and coordinators.');
}

async function view(keyring: Keyring, row: ScreeningRow): Promise<ScreeningView> {
  const answers = ScreeningAnswers.parse(await keyring.decryptJson(row.answers, ANSWERS_CONTEXT));
  const isChild = row.isChild;
  const { nextStep } = screeningOutcome(answers, isChild);
  return {
    id: row.id,
    setting: ScreeningSetting.parse(row.setting),
    isChild,
    answers,
    indication: ScreeningIndication.parse(row.indication),
    nextStep,
    followUp: row.referralKind && row.toOrganisationId && row.toOrganisationName
      ? { kind: row.referralKind as 'program_referral' | 'report_of_concern', organisation: { id: row.toOrganisationId, name: row.toOrganisationName }, caseId: row.caseId }
      : null,
    createdBy: { id: row.createdBy, name: row.creatorName },
    createdAt: row.createdAt.toISOString(),
  };
}

async function readScreening(scope: CaseScope, keyring: Keyring, id: string): Promise<ScreeningView> {
  const [row] = await selectScreenings(scope.trx, scope.actor.organisationId, { id, limit: 1 });
  if (!row) throw new NotFoundError();
  return view(keyring, row);
}

async function receiverFor(scope: CaseScope, municipalityCode: string): Promise<{ id: string; name: string }> {
  const receiver = await selectReceiver(scope.trx, municipalityCode);
  if (!receiver) throw new BadRequestError('no_receiver_in_municipality', 'That municipality\'s social services do not use Utväg yet. Contact them directly.');
  return receiver;
}

/** An anonymous case in the professional's own organisation, opened from the screening with its channel. */
async function openAnonymousCase(scope: CaseScope, keyring: Keyring, input: ScreeningCreate, screeningId: string): Promise<string> {
  const alias = `Anonym ${scope.now.toISOString().slice(2, 10).replaceAll('-', '')}-${screeningId.slice(0, 4)}`;
  const participantId = await insertParticipant(scope.trx, keyring, scope.actor.organisationId, {
    alias, languages: [], interpreterNeeded: false, protectedIdentity: 'none',
  });
  const coordinatorUserId = scope.actor.roles.includes('coordinator') ? scope.actor.userId : null;
  const caseId = await insertCase(scope.trx, {
    program: 'exit_program', ownerOrganisationId: scope.actor.organisationId, participantId, coordinatorUserId,
    entryChannel: entryChannelOfSetting(input.setting), createdBy: scope.actor.userId,
  });
  // Whoever asked stays on the team, as when a case is opened by hand, until the coordinator decides otherwise.
  await scope.trx.insertInto('caseTeamMembers').values({
    caseId, userId: scope.actor.userId, organisationId: scope.actor.organisationId, teamRole: coordinatorUserId ? 'coordinator' : 'team_member', addedBy: scope.actor.userId,
  }).execute();
  await scope.auditCase(await scope.requireCase(caseId), 'case.create', { details: { from: 'screening' } });
  return caseId;
}

/**
 * Records the answers and, in the same transaction, the step they call for: a referral into the program
 * (a case here when this organisation runs it and the professional may open cases, otherwise a referral
 * to the chosen municipality's intake) or, for a child, a report of concern to the chosen municipality.
 */
export async function recordScreening(access: AccessContext, keyring: Keyring, input: ScreeningCreate, idempotencyKey: string | null): Promise<ScreeningView> {
  requireScreener(access);
  const outcome = screeningOutcome(input.answers, input.isChild);
  const violation = followUpViolation(outcome, input.isChild, input.followUp);
  if (violation) throw new BadRequestError(violation, violationMessages[violation]);
  return access.run(async (scope) =>
    onceOnly(scope.trx, scope.actor.userId, idempotencyKey, input, async () => {
      const screeningId = await insertScreening(scope.trx, keyring, {
        organisationId: scope.actor.organisationId, setting: input.setting, isChild: input.isChild, answers: input.answers,
        indication: outcome.indication, createdBy: scope.actor.userId,
      });
      await scope.audit([{ action: 'screening.create', details: { screeningId, indication: outcome.indication, followUp: input.followUp?.kind ?? null } }]);
      const followUp = input.followUp;
      if (followUp) {
        const ownRuns = runsProgram(scope.actor.organisationType);
        const receiver = followUp.municipalityCode ? await receiverFor(scope, followUp.municipalityCode) : null;
        if (!receiver && !ownRuns) {
          throw new BadRequestError('municipality_required', 'Your organisation does not run the program: choose the municipality to refer to.');
        }
        const toOrganisationId = receiver?.id ?? scope.actor.organisationId;
        const opensCase = followUp.kind === 'program_referral' && toOrganisationId === scope.actor.organisationId && canCreateCase(scope.actor);
        const caseId = opensCase ? await openAnonymousCase(scope, keyring, input, screeningId) : null;
        await insertReferral(scope.trx, {
          screeningId, kind: followUp.kind, fromOrganisationId: scope.actor.organisationId, toOrganisationId,
          setting: input.setting, isChild: input.isChild, indication: outcome.indication, caseId,
        });
        if (!caseId) {
          // The notification says only that something arrived: no answers, no person, not even the setting.
          const recipients = (await selectRecipients(scope.trx, toOrganisationId)).filter((userId) => userId !== scope.actor.userId);
          const kind = followUp.kind === 'report_of_concern' ? 'report_of_concern_received' : 'screening_referral_received';
          if (recipients.length > 0) await scope.trx.insertInto('notifications').values(recipients.map((userId) => ({ userId, kind, caseId: null }))).execute();
        }
        await scope.audit([{ action: `screening.${followUp.kind}`, caseId, details: { screeningId, toOrganisationId } }]);
      }
      return screeningId;
    }, async (screeningId, replayed) => {
      const screening = await readScreening(scope, keyring, screeningId);
      if (replayed) await scope.audit([{ action: 'screening.read', details: { count: 1 } }]);
      return screening;
    }),
  );
}

export async function listScreenings(access: AccessContext, keyring: Keyring): Promise<ScreeningList> {
  if (!canReadScreenings(access.actor)) throw new ForbiddenError('cannot_read_screenings', 'Screenings are read by those who screen, and managers.');
  return access.read(async (scope) => {
    const rows = await selectScreenings(scope.trx, scope.actor.organisationId, { limit: listLimit });
    const screenings = await Promise.all(rows.map((row) => view(keyring, row)));
    await scope.audit([{ action: 'screening.read', details: { count: screenings.length, screeningIds: screenings.map((screening) => screening.id).join(',') } }]);
    const receivers = await selectReceivers(scope.trx);
    return {
      screenings,
      receivers: receivers.map((receiver) => ({ municipalityCode: receiver.municipalityCode!, name: receiver.name })).sort(bySwedishName),
      ownOrganisationRunsProgram: runsProgram(scope.actor.organisationType),
      canScreen: canScreen(scope.actor),
    };
  });
}

/** Referrals and reports of concern sent to this organisation: that they came, from whom, how urgent; never the answers. */
export async function listIncomingReferrals(access: AccessContext): Promise<{ referrals: IncomingScreeningReferral[] }> {
  if (!canReceiveScreeningReferrals(access.actor)) throw new ForbiddenError('cannot_receive_referrals', 'Referrals are received by intake staff, coordinators and managers.');
  return access.read(async (scope) => {
    const rows = await selectIncomingReferrals(scope.trx, scope.actor.organisationId, listLimit);
    await scope.audit([{ action: 'screening.referral.read', details: { count: rows.length } }]);
    return {
      referrals: rows.map((row) => ({
        id: row.id,
        kind: row.kind as IncomingScreeningReferral['kind'],
        setting: ScreeningSetting.parse(row.setting),
        isChild: row.isChild,
        indication: ScreeningIndication.parse(row.indication),
        fromOrganisation: { id: row.fromOrganisationId, name: row.fromOrganisationName },
        createdAt: row.createdAt.toISOString(),
      })),
    };
  });
}

/** Identifications by asking, per month and channel, for the organisation that asked. */
export async function screeningStatistics(access: AccessContext): Promise<ScreeningStatistics> {
  if (!canReadScreenings(access.actor)) throw new ForbiddenError('cannot_read_screenings', 'Screenings are read by those who screen, and managers.');
  return access.read(async (scope) => {
    const rows = await selectIdentificationCounts(scope.trx, scope.actor.organisationId);
    await scope.audit([{ action: 'screening.statistics.read', details: { rows: rows.length } }]);
    return { counts: rows.map((row) => ({ ...row, channel: ScreeningSetting.parse(row.channel) })) };
  });
}
