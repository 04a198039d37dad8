/**
 * The JSON answers, field for field as HIPKI.md "Responses" gives them. Codes are written unsigned.
 */
import { LAST_ERROR, RET } from '../codes';
import { TokenError } from '../token/types';

/**
 * The rate-limit answer (no HiPKI code exists for it): ret_code 0x7600000D ("component error or timeout",
 * which every page already treats as "try again later") with this last_error, HTTP's 429, to tell it apart.
 */
export const RATE_LIMITED_LAST_ERROR = LAST_ERROR.RATE_LIMITED;

export interface SignAnswer {
  readonly func: 'sign';
  readonly ret_code: number;
  readonly last_error: number;
  readonly version: string;
  readonly certb64: string;
  readonly signature: string;
  readonly cardSN: string;
}

export interface CertEntry {
  readonly certb64: string;
  readonly label: string;
  readonly usage: string;
  readonly sn: string;
  readonly subjectDN: string;
  readonly issuerDN: string;
  readonly subjectID: string;
  readonly notBeforeT: string;
  readonly notAfterT: string;
  readonly holderRank: string;
  readonly email: string;
  readonly id: string;
}

export interface SlotEntry {
  readonly slotDescription: string;
  readonly slotID: number;
  readonly token?: {
    readonly serialNumber: string;
    readonly label: string;
    readonly certs?: readonly CertEntry[];
    readonly keys?: readonly { readonly id: string; readonly keyb64: string }[];
  };
}

export interface InfoAnswer {
  readonly func: 'pkcs11info';
  readonly ret_code: number;
  readonly last_error: number;
  readonly serverVersion: string;
  readonly slots: readonly SlotEntry[];
}

export function signAnswer(version: string, retCode: number, lastError: number = LAST_ERROR.NONE, ok?: { certb64: string; signature: string; cardSN: string }): SignAnswer {
  return {
    func: 'sign',
    ret_code: retCode >>> 0,
    last_error: lastError >>> 0,
    version,
    certb64: ok?.certb64 ?? '',
    signature: ok?.signature ?? '',
    cardSN: ok?.cardSN ?? '',
  };
}

/** A token's failure as its codes; anything else is the component's own error (never shown in detail). */
export function codesOf(err: unknown): { retCode: number; lastError: number } {
  if (err instanceof TokenError) return { retCode: err.retCode, lastError: err.lastError };
  return { retCode: RET.COMPONENT_ERROR, lastError: LAST_ERROR.NONE };
}
