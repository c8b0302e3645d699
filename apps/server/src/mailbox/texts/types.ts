import type { sv } from './sv';

/** Every language's mailbox texts have the shape of the Swedish source; a missing text fails the type check. */
export type MailboxTexts = { [K in keyof typeof sv]: (typeof sv)[K] extends (...args: infer A) => string ? (...args: A) => string : string };
