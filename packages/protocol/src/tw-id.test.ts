import { describe, expect, it } from 'vitest';
import { checkTwId, maskTwId } from './tw-id';

describe('Taiwan ID numbers', () => {
  it('accept a citizen number whose check digit is right (A123456789: 1 + 0×9 + 8+14+18+20+20+18+14+8 + 9 = 130)', () => {
    expect(checkTwId('A123456789')).toEqual({ valid: true, normalised: 'A123456789', kind: 'citizen' });
    expect(checkTwId('B200000004')).toMatchObject({ valid: true, kind: 'citizen' });
  });

  it('accept the new-format resident certificate numbers, whose second digit is 8 or 9', () => {
    // A800000014: 1 + 0×9 + 8×8 + 1×1 + 4 = 70
    expect(checkTwId('A800000014')).toEqual({ valid: true, normalised: 'A800000014', kind: 'resident' });
    expect(checkTwId('F912345605')).toMatchObject({ valid: true, kind: 'resident' });
  });

  it('use the ministry’s codes for the out-of-order letters I, O, W, X, Y and Z', () => {
    // I=34: 3 + 4×9 = 39; then 1×8 = 8 and the check digit 3 → 50.
    expect(checkTwId('I100000003')).toMatchObject({ valid: true });
    // O=35: 3 + 5×9 = 48; then 1×8 = 8 and the check digit 4 → 60.
    expect(checkTwId('O100000004')).toMatchObject({ valid: true });
  });

  it('refuse a wrong check digit', () => {
    expect(checkTwId('A123456788')).toEqual({ valid: false, reason: 'checksum' });
  });

  it('refuse other shapes: old-format resident numbers, wrong length, a digit first, a kind digit of 3', () => {
    for (const bad of ['AB12345678', 'A12345678', 'A1234567890', '1123456789', 'A323456789', '']) {
      expect(checkTwId(bad), bad).toEqual({ valid: false, reason: 'format' });
    }
  });

  it('read full-width characters, lower case and spaces as typed on a phone or with a Chinese input method', () => {
    expect(checkTwId(' ａ１２３４５６７８９ ')).toMatchObject({ valid: true, normalised: 'A123456789' });
    expect(checkTwId('a 123 456 789')).toMatchObject({ valid: true, normalised: 'A123456789' });
  });

  it('are shown masked to the letter and the last four digits', () => {
    expect(maskTwId('A123456789')).toBe('A*****6789');
  });
});
