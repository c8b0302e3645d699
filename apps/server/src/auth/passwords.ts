import { BadRequestError } from '../http/errors';
import argon2 from 'argon2';

// OWASP's argon2id baseline: 19 MiB memory, 2 passes, 1 lane.
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

let dummyHash: Promise<string> | null = null;

/** Verifies a password; with no hash it still spends the same time, so timing tells nothing. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword('not a real password');
    await argon2.verify(await dummyHash, password);
    return false;
  }
  return argon2.verify(hash, password);
}

export type PasswordProblem = 'password_too_short' | 'password_too_long';

/** Staff passwords: long enough to resist guessing; a passphrase of words is encouraged. */
export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length < 12) return 'password_too_short';
  if (password.length > 200) return 'password_too_long';
  return null;
}

export function passwordProblemText(problem: PasswordProblem): string {
  return problem === 'password_too_short' ? 'The password must be at least 12 characters.' : 'The password is too long.';
}

/** Refuses a password that breaks the rule above with a 400 naming it. */
export function requireGoodPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new BadRequestError(problem, passwordProblemText(problem));
}
