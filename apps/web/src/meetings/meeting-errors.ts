import type { ApiError } from '../api/client';
import type { Translate } from '../i18n/translate';
import { failureMessage } from '../ui/form-errors';

/** The meetings' own refusals in plain language. */
export function meetingFailure(error: ApiError, t: Translate): string {
  if (error.code === 'stale_version') return t('meetings.stale');
  if (error.code === 'meeting_not_scheduled') return t('meetings.notScheduled');
  if (error.code === 'attendee_not_on_team') return t('meetings.attendeeNotOnTeam');
  if (error.issues.some((issue) => issue.message === 'dates_out_of_order')) return t('meetings.datesOutOfOrder');
  return failureMessage(error, t);
}
