/**
 * The HiPKI component's answer codes (HIPKI.md "Codes"; DESIGN.md "Card login"), exactly as pages written for
 * the official component expect them. `ret_code` is the major code, `last_error` the minor one.
 */
export const RET = {
  OK: 0,
  NO_CARD: 0x76000006,
  NO_READER: 0x76100003,
  CARD_LOGIN_FAILED: 0x76100006,
  DOMAIN_NOT_ALLOWED: 0x7600000f,
  SITE_NOT_TRUSTED: 0x76000031,
  NO_PIN: 0x76000998,
  CANCELLED: 0x76000999,
  COMPONENT_ERROR: 0x7600000d,
  CERT_EXPIRED: 0x76500002,
} as const;

export const LAST_ERROR = {
  NONE: 0,
  WRONG_PIN: 0xa0,
  PIN_LENGTH: 0xa2,
  CARD_LOCKED: 0xa4,
  /** Wrong PIN; the card says its PIN count is low (CKF_USER_PIN_COUNT_LOW): two tries left. */
  WRONG_PIN_TWO_LEFT: 0x80000002,
  /** Wrong PIN; the card says the next try is the last (CKF_USER_PIN_FINAL_TRY). */
  WRONG_PIN_ONE_LEFT: 0x80000001,
} as const;

export type RetCode = (typeof RET)[keyof typeof RET];
export type LastError = (typeof LAST_ERROR)[keyof typeof LAST_ERROR];

/** Codes may arrive as signed 32-bit integers (0x80000002 is -2147483646): compare them unsigned. */
export function unsigned(code: number): number {
  return code >>> 0;
}
