/** The PIN rules shared by every token provider: flags to state, and what is refused before the card is asked. */
import { describe, expect, it } from 'vitest';
import { LAST_ERROR, RET } from '../../src/codes';
import { CKF, checkPinBeforeLogin, pinStateOfFlags, wrongPinError } from '../../src/token/pin';

describe('PIN rules', () => {
  it('reads the worst PIN state from CK_TOKEN_INFO flags', () => {
    expect(pinStateOfFlags(0x42d)).toBe('ok');
    expect(pinStateOfFlags(0x42d | CKF.USER_PIN_COUNT_LOW)).toBe('count_low');
    expect(pinStateOfFlags(CKF.USER_PIN_COUNT_LOW | CKF.USER_PIN_FINAL_TRY)).toBe('final_try');
    expect(pinStateOfFlags(CKF.USER_PIN_COUNT_LOW | CKF.USER_PIN_FINAL_TRY | CKF.USER_PIN_LOCKED)).toBe('locked');
  });

  it('maps the state after a wrong PIN to the HiPKI minor codes', () => {
    expect(wrongPinError('ok')).toMatchObject({ retCode: RET.CARD_LOGIN_FAILED, lastError: LAST_ERROR.WRONG_PIN });
    expect(wrongPinError('count_low')).toMatchObject({ lastError: 0x80000002 });
    expect(wrongPinError('final_try')).toMatchObject({ lastError: 0x80000001 });
    expect(wrongPinError('locked')).toMatchObject({ lastError: LAST_ERROR.CARD_LOCKED });
  });

  it('checks the length in bytes against the token\'s limits, and says so without the PIN', () => {
    const token = { pinMinLength: 6, pinMaxLength: 8, pinState: 'ok' } as const;
    expect(() => checkPinBeforeLogin('123456', token)).not.toThrow();
    expect(() => checkPinBeforeLogin('12345', token)).toThrow(expect.objectContaining({ lastError: LAST_ERROR.PIN_LENGTH }));
    // Three characters of three bytes each: nine bytes, over the limit of eight.
    expect(() => checkPinBeforeLogin('門戶門', token)).toThrow(expect.objectContaining({ lastError: LAST_ERROR.PIN_LENGTH }));
    expect(() => checkPinBeforeLogin('', token)).toThrow(expect.objectContaining({ retCode: RET.NO_PIN }));
    expect(() => checkPinBeforeLogin('123456', { ...token, pinState: 'locked' })).toThrow(expect.objectContaining({ lastError: LAST_ERROR.CARD_LOCKED }));
    try {
      checkPinBeforeLogin('12345', token);
    } catch (err) {
      expect((err as Error).message).not.toContain('12345');
    }
  });
});
