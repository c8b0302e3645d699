import { sql } from 'kysely';
import type { Tx } from '../db/database';

/** Candidate rows; the exact access rule is applied afterwards by the service (`scope.readableCases`). */
export interface CandidateRow { kind: string; caseId: string; alias: string; date: string; decisionType: string | null; amount: number | null }

const LIMIT = 500;

/**
 * Work-list candidates for a user: the cases they coordinate or are on the team of (and, for decisions,
 * the cases of their own organisation). Only ids, aliases, kinds and dates are selected.
 */
export async function selectWorkListCandidates(trx: Tx, userId: string, organisationId: string, window: { dueUntil: string; weekStart: Date; weekEnd: Date }): Promise<CandidateRow[]> {
  const mine = sql`(c.coordinator_user_id = ${userId}
    or exists (select 1 from case_team_members m where m.case_id = c.id and m.user_id = ${userId} and m.removed_at is null))`;
  const result = await sql<CandidateRow>`
    select * from (
      select 'follow_up_due' as kind, c.id as case_id, p.alias, to_char(v.follow_up_on, 'YYYY-MM-DD') as date, null::text as decision_type, null::integer as amount
        from plan_versions v join cases c on c.id = v.case_id join participants p on p.id = c.participant_id
        where v.status = 'agreed' and v.follow_up_on <= ${window.dueUntil}::date and c.status <> 'closed' and ${mine}
      union all
      select 'plan_awaiting_agreement', c.id, p.alias, to_char(v.updated_at at time zone 'UTC', 'YYYY-MM-DD'), null, null
        from plan_versions v join cases c on c.id = v.case_id join participants p on p.id = c.participant_id
        where v.status = 'draft' and c.status <> 'closed' and ${mine}
      union all
      select 'meeting_this_week', c.id, p.alias, to_char(m.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), null, null
        from meetings m join cases c on c.id = m.case_id join participants p on p.id = c.participant_id
        where m.status = 'scheduled' and m.starts_at >= ${window.weekStart} and m.starts_at < ${window.weekEnd}
          and (${mine} or exists (select 1 from meeting_attendees a where a.meeting_id = m.id and a.user_id = ${userId}))
      union all
      select 'decision_awaiting', c.id, p.alias, to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD'), d.type, d.amount
        from decisions d join cases c on c.id = d.case_id join participants p on p.id = c.participant_id
        where d.status = 'initiated' and (c.owner_organisation_id = ${organisationId} or ${mine})
      union all
      select 'check_in_due', c.id, p.alias, to_char(s.check_in_on, 'YYYY-MM-DD'), null, null
        from cases c join participants p on p.id = c.participant_id
        join lateral (select x.check_in_on from case_status_changes x where x.case_id = c.id order by x.changed_at desc limit 1) s on true
        where c.status = 'paused' and s.check_in_on <= ${window.dueUntil}::date and ${mine}
    ) items order by date, case_id limit ${LIMIT}`.execute(trx);
  return result.rows;
}

/** The organisation's open cases per coordinator (null: no coordinator yet). */
export async function selectCaseload(trx: Tx, organisationId: string) {
  const result = await sql<{ coordinatorId: string | null; coordinatorName: string | null; coordinatorActive: boolean; cases: number }>`
    select c.coordinator_user_id as coordinator_id, u.name as coordinator_name, u.disabled_at is null as coordinator_active, count(*)::int as cases
      from cases c left join users u on u.id = c.coordinator_user_id
      where c.owner_organisation_id = ${organisationId} and c.status <> 'closed'
      group by c.coordinator_user_id, u.name, u.disabled_at order by u.name nulls last`.execute(trx);
  return result.rows;
}

/** Overdue follow-ups (agreed plans) and check-ins (paused cases) in the organisation's open cases. */
export async function countOverdue(trx: Tx, organisationId: string, today: string): Promise<number> {
  const result = await sql<{ count: number }>`
    select (
      (select count(*) from plan_versions v join cases c on c.id = v.case_id
        where v.status = 'agreed' and v.follow_up_on < ${today}::date and c.status <> 'closed' and c.owner_organisation_id = ${organisationId})
      + (select count(*) from cases c
        join lateral (select x.check_in_on from case_status_changes x where x.case_id = c.id order by x.changed_at desc limit 1) s on true
        where c.status = 'paused' and s.check_in_on < ${today}::date and c.owner_organisation_id = ${organisationId})
    )::int as count`.execute(trx);
  return result.rows[0]?.count ?? 0;
}

export async function countDecisionsAwaiting(trx: Tx, organisationId: string): Promise<number> {
  const result = await sql<{ count: number }>`
    select count(*)::int as count from decisions d join cases c on c.id = d.case_id
      where d.status = 'initiated' and c.owner_organisation_id = ${organisationId}`.execute(trx);
  return result.rows[0]?.count ?? 0;
}

/** Emergency access to the organisation's cases since `since`: who, when, which case alias (never the reason). */
export async function selectEmergencyAccess(trx: Tx, organisationId: string, since: Date) {
  const result = await sql<{ userId: string; userName: string; grantedAt: Date; caseId: string; alias: string }>`
    select g.user_id, u.name as user_name, g.granted_at, c.id as case_id, p.alias
      from emergency_access_grants g join cases c on c.id = g.case_id join participants p on p.id = c.participant_id join users u on u.id = g.user_id
      where c.owner_organisation_id = ${organisationId} and g.granted_at >= ${since}
      order by g.granted_at desc limit 200`.execute(trx);
  return result.rows;
}
