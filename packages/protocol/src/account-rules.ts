/**
 * Rules for account names and passwords.
 *
 * Passwords follow NIST SP 800-63B rev. 3 §5.1.1.2: at least 8 characters (the minimum is a setting), at least
 * 64 accepted, no composition rules, Unicode accepted and normalised with NFKC before hashing, and refused
 * when found in a list of commonly used or breached passwords or when they contain the account name.
 */

export const ACCOUNT_NAME_MIN = 4;
export const ACCOUNT_NAME_MAX = 30;
export const PASSWORD_MAX = 128;
export const PASSWORD_MIN_DEFAULT = 8;

/**
 * Account names are compared case-insensitively: full-width characters become half-width (NFKC) and letters
 * lower case, so 「ＡＢＣ123」 and 「abc123」 are one name.
 */
export function normaliseAccountName(input: string): string {
  return input.normalize('NFKC').trim().toLowerCase();
}

export type AccountNameProblem = 'ERR_ACCOUNT_NAME_LENGTH' | 'ERR_ACCOUNT_NAME_CHARS';

/** Letters, digits and . _ - ; starting with a letter or digit. */
export function checkAccountName(normalised: string): AccountNameProblem | undefined {
  const length = [...normalised].length;
  if (length < ACCOUNT_NAME_MIN || length > ACCOUNT_NAME_MAX) return 'ERR_ACCOUNT_NAME_LENGTH';
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(normalised)) return 'ERR_ACCOUNT_NAME_CHARS';
  return undefined;
}

export function normalisePassword(input: string): string {
  return input.normalize('NFKC');
}

export type PasswordProblem =
  | 'ERR_PASSWORD_TOO_SHORT'
  | 'ERR_PASSWORD_TOO_LONG'
  | 'ERR_PASSWORD_COMMON'
  | 'ERR_PASSWORD_CONTAINS_ACCOUNT';

export interface PasswordPolicy {
  readonly minLength: number;
  /** Whether a (normalised, lower-cased) password is in the list of common or breached passwords. */
  readonly isCommon: (lowerCased: string) => boolean;
}

/** Length is counted in Unicode code points after NFKC, as SP 800-63B asks. */
export function checkPassword(password: string, accountName: string, policy: PasswordPolicy): PasswordProblem | undefined {
  const normalised = normalisePassword(password);
  const length = [...normalised].length;
  if (length < policy.minLength) return 'ERR_PASSWORD_TOO_SHORT';
  if (length > PASSWORD_MAX) return 'ERR_PASSWORD_TOO_LONG';
  const lower = normalised.toLowerCase();
  if (policy.isCommon(lower)) return 'ERR_PASSWORD_COMMON';
  const name = normaliseAccountName(accountName);
  if (name.length > 0 && lower.includes(name)) return 'ERR_PASSWORD_CONTAINS_ACCOUNT';
  return undefined;
}
