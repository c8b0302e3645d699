import { ClosingReason, EntryChannel, TransitionViolation } from '@utvag/domain';
import type { Translate } from '../i18n/translate';
import type { Option } from '../ui/select-field';

export const entryChannelOptions = (t: Translate): Option<EntryChannel>[] =>
  EntryChannel.options.map((value) => ({ value, label: t(`entryChannel.${value}`) }));

export const closingReasonOptions = (t: Translate): Option<ClosingReason>[] =>
  ClosingReason.options.map((value) => ({ value, label: t(`closingReason.${value}`) }));

/** The plain-language message for a rule of the course; an unknown code is not a rule. */
export function ruleMessageKey(code: string): `courseRule.${TransitionViolation}` | null {
  const rule = TransitionViolation.safeParse(code);
  return rule.success ? `courseRule.${rule.data}` : null;
}

/** Today in the user's own time zone, as a date input and the course rules want it. */
export function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
