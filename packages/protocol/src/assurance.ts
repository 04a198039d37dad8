/**
 * Assurance levels (DESIGN.md "Assurance"). They are ordered: a session at `high` satisfies a request for
 * `substantial`. The names follow the eIDAS levels (Regulation (EU) 910/2014 art. 8), which Taiwan's
 * e-Government practice maps onto password, password + OTP or mobile certificate, and the physical card.
 */
export const ACR_LEVELS = ['low', 'substantial', 'high'] as const;
export type Acr = (typeof ACR_LEVELS)[number];

/** Authentication method references (RFC 8176 §2) the platform records. `mca` is the mobile certificate. */
export type Amr = 'pwd' | 'fed' | 'otp' | 'mfa' | 'sc' | 'pin' | 'mca' | 'user';

export function isAcr(value: unknown): value is Acr {
  return typeof value === 'string' && (ACR_LEVELS as readonly string[]).includes(value);
}

/** Whether a session at `have` may be used where `need` is asked for. */
export function acrSatisfies(have: Acr | null | undefined, need: Acr): boolean {
  if (!have) return false;
  return ACR_LEVELS.indexOf(have) >= ACR_LEVELS.indexOf(need);
}

/** The higher of two levels (a step-up never lowers a session). */
export function maxAcr(a: Acr | null | undefined, b: Acr): Acr {
  return a && acrSatisfies(a, b) ? a : b;
}
