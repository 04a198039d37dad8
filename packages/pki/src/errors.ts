/**
 * One typed error per reason a card login can fail. `code` is stable — callers and tests switch on it — and is
 * also the message key in @menhu/protocol, so every reason has words in zh-TW and en. `detail` is for logs and
 * the operator's `menhu pki check`, never shown to a citizen.
 */
export const PKI_ERROR_CODES = [
  'ERR_PKI_MALFORMED',
  'ERR_PKI_INPUT_TOO_LARGE',
  'ERR_PKI_UNSUPPORTED_ALGORITHM',
  'ERR_PKI_BAD_SIGNATURE',
  'ERR_PKI_CHALLENGE_MISMATCH',
  'ERR_PKI_NONCE_MISMATCH',
  'ERR_PKI_ORIGIN_MISMATCH',
  'ERR_PKI_CARD_SERIAL_MISMATCH',
  'ERR_PKI_CERT_EXPIRED',
  'ERR_PKI_CERT_NOT_YET_VALID',
  'ERR_PKI_UNTRUSTED_ISSUER',
  'ERR_PKI_INVALID_CA',
  'ERR_PKI_UNKNOWN_CRITICAL_EXTENSION',
  'ERR_PKI_WRONG_PURPOSE',
  'ERR_PKI_POLICY_DISALLOWED',
  'ERR_PKI_REVOKED',
  'ERR_PKI_REVOCATION_UNAVAILABLE',
] as const;

export type PkiErrorCode = (typeof PKI_ERROR_CODES)[number];

export class PkiError extends Error {
  readonly code: PkiErrorCode;
  readonly detail: string;
  constructor(code: PkiErrorCode, detail: string, options?: { cause?: unknown }) {
    super(`${code}: ${detail}`, options);
    this.name = 'PkiError';
    this.code = code;
    this.detail = detail;
  }
}

export function isPkiError(err: unknown): err is PkiError {
  return err instanceof PkiError;
}
