/**
 * PIN rules every token provider shares: the PIN state read from a token's flags, the length check made before
 * the card is touched (so a mistyped PIN never spends a try), and the answer to a wrong PIN. No function here
 * keeps, logs or puts the PIN into a message.
 */
import { LAST_ERROR, RET } from '../codes';
import { TokenError, type TokenInfo } from './types';

/** CK_TOKEN_INFO flags (PKCS#11 v2.40 §3.2, Table 9). */
export const CKF = {
  TOKEN_INITIALIZED: 0x0000_0400,
  USER_PIN_COUNT_LOW: 0x0001_0000,
  USER_PIN_FINAL_TRY: 0x0002_0000,
  USER_PIN_LOCKED: 0x0004_0000,
} as const;

export type PinState = TokenInfo['pinState'];

/** The worst state the flags tell: locked, then final try, then count low. */
export function pinStateOfFlags(flags: number): PinState {
  if (flags & CKF.USER_PIN_LOCKED) return 'locked';
  if (flags & CKF.USER_PIN_FINAL_TRY) return 'final_try';
  if (flags & CKF.USER_PIN_COUNT_LOW) return 'count_low';
  return 'ok';
}

/**
 * Checks what can be checked without the card: a PIN, a card that is not locked already, and the PIN's length within the token's limits (ulMinPinLen and
 * ulMaxPinLen count bytes, PKCS#11 v2.40 §3.2).
 */
export function checkPinBeforeLogin(pin: string, token: Pick<TokenInfo, 'pinMinLength' | 'pinMaxLength' | 'pinState'>): void {
  if (pin.length === 0) throw new TokenError(RET.NO_PIN, LAST_ERROR.NONE, 'no PIN was entered');
  // A locked card refuses every PIN: say so rather than ask for another length.
  if (token.pinState === 'locked') throw lockedError();
  const bytes = Buffer.byteLength(pin, 'utf8');
  const max = token.pinMaxLength > 0 ? token.pinMaxLength : Number.POSITIVE_INFINITY;
  if (bytes < token.pinMinLength || bytes > max) {
    throw new TokenError(
      RET.CARD_LOGIN_FAILED,
      LAST_ERROR.PIN_LENGTH,
      `the PIN must be ${token.pinMinLength}–${token.pinMaxLength} bytes long; the card was not tried`,
    );
  }
}

export function lockedError(cause?: unknown): TokenError {
  return new TokenError(RET.CARD_LOGIN_FAILED, LAST_ERROR.CARD_LOCKED, 'the card is locked', cause === undefined ? undefined : { cause });
}

/**
 * The answer to a wrong PIN, from the state the card reports after the failed try (DESIGN.md "Card login"):
 * CKF_USER_PIN_FINAL_TRY → 0x80000001, CKF_USER_PIN_COUNT_LOW → 0x80000002, locked → card locked, else 0xA0.
 */
export function wrongPinError(stateAfter: PinState, cause?: unknown): TokenError {
  const options = cause === undefined ? undefined : { cause };
  switch (stateAfter) {
    case 'locked':
      return lockedError(cause);
    case 'final_try':
      return new TokenError(RET.CARD_LOGIN_FAILED, LAST_ERROR.WRONG_PIN_ONE_LEFT, 'wrong PIN; one try left before the card locks', options);
    case 'count_low':
      return new TokenError(RET.CARD_LOGIN_FAILED, LAST_ERROR.WRONG_PIN_TWO_LEFT, 'wrong PIN; two tries left before the card locks', options);
    case 'ok':
      return new TokenError(RET.CARD_LOGIN_FAILED, LAST_ERROR.WRONG_PIN, 'wrong PIN', options);
  }
}
