import type { Role } from '@utvag/domain';
import { hashPassword, passwordProblem, passwordProblemText } from '../auth/passwords';
import type { Keyring } from '../crypto/keyring';
import type { Db } from '../db/database';

export interface NewUser {
  organisationId: string;
  email: string;
  name: string;
  title?: string | null;
  roles: Role[];
  password: string;
  /** Pre-enrolled second factor (demo users only); otherwise enrolled at first login. */
  totpSecret?: string;
}

export class UserInputError extends Error {}

export async function createUser(db: Db, keyring: Keyring, input: NewUser): Promise<string> {
  const problem = passwordProblem(input.password);
  if (problem) throw new UserInputError(passwordProblemText(problem));
  if (input.roles.length === 0) throw new UserInputError('A user needs at least one role.');
  const row = await db
    .insertInto('users')
    .values({
      organisationId: input.organisationId,
      email: input.email.trim().toLowerCase(),
      name: input.name,
      title: input.title ?? null,
      roles: input.roles,
      passwordHash: await hashPassword(input.password),
      totpSecret: input.totpSecret ? keyring.encrypt(input.totpSecret, 'user.totp') : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
