/**
 * Taiwan's national identification numbers (身分證統一編號) and the new-format resident certificate numbers
 * (新式統一證號, issued to foreign residents since 2021), which share one layout and one checksum:
 * a letter for the place of first registration, a digit for the kind (1/2: citizen, male/female; 8/9: resident
 * certificate, male/female), seven serial digits and a check digit.
 *
 * The check (Ministry of the Interior): the letter becomes two digits (A=10 … with I=34, O=35, W=32, X=30,
 * Y=31, Z=33); with the letter's digits d1 d2 and the nine remaining digits n1…n9,
 *   d1×1 + d2×9 + n1×8 + n2×7 + n3×6 + n4×5 + n5×4 + n6×3 + n7×2 + n8×1 + n9×1
 * must be a multiple of 10.
 */

const LETTER_CODES: Readonly<Record<string, number>> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};

export type TwIdKind = 'citizen' | 'resident';

export type TwIdCheck =
  | { readonly valid: true; readonly normalised: string; readonly kind: TwIdKind }
  | { readonly valid: false; readonly reason: 'format' | 'checksum' };

/** Full-width letters and digits become half-width (NFKC), spaces are dropped, letters upper-cased. */
export function normaliseTwId(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function checkTwId(input: string): TwIdCheck {
  const id = normaliseTwId(input);
  const match = /^([A-Z])([1289])(\d{8})$/.exec(id);
  if (!match) return { valid: false, reason: 'format' };
  const code = LETTER_CODES[match[1]!]!;
  const digits = (match[2]! + match[3]!).split('').map(Number);
  const weights = [8, 7, 6, 5, 4, 3, 2, 1, 1];
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  digits.forEach((d, i) => (sum += d * weights[i]!));
  if (sum % 10 !== 0) return { valid: false, reason: 'checksum' };
  return { valid: true, normalised: id, kind: match[2] === '8' || match[2] === '9' ? 'resident' : 'citizen' };
}

/** What may be shown of an ID number: the letter and the last four digits, as A*****6789. */
export function maskTwId(normalised: string): string {
  return normalised.length === 10 ? `${normalised.slice(0, 1)}*****${normalised.slice(6)}` : '**********';
}
