/**
 * What can go wrong when an operator runs the development CA. These are operator errors, not citizen-facing
 * login failures (those are PkiError): the message is plain English for a terminal, `code` is stable for
 * callers and tests.
 */
export const DEVCA_ERROR_CODES = [
  /** `init` found a CA in the folder and was not asked to replace it. */
  'ERR_DEVCA_EXISTS',
  /** The folder holds no development CA (no state file). */
  'ERR_DEVCA_NOT_FOUND',
  /** The state file or a CA file is unreadable or inconsistent. */
  'ERR_DEVCA_STATE',
  /** Another process held the state file's lock for too long. */
  'ERR_DEVCA_BUSY',
  /** An option has a value that cannot be used (bad ID number, unknown key algorithm …). */
  'ERR_DEVCA_BAD_OPTION',
  /** An output file exists already; the CA never overwrites a key or certificate file. */
  'ERR_DEVCA_FILE_EXISTS',
  'ERR_DEVCA_UNKNOWN_SERIAL',
  'ERR_DEVCA_ALREADY_REVOKED',
  /** A command-line tool the CA drives (pkcs11-tool) is not installed. */
  'ERR_DEVCA_TOOL_MISSING',
  /** The PKCS#11 module could not be loaded. */
  'ERR_DEVCA_PKCS11_MODULE',
  'ERR_DEVCA_TOKEN_NOT_FOUND',
  'ERR_DEVCA_WRONG_PIN',
  'ERR_DEVCA_PIN_LOCKED',
  /** The token already holds a key with the requested id. */
  'ERR_DEVCA_KEY_ID_TAKEN',
  /** Any other failure reported by the token. */
  'ERR_DEVCA_TOKEN',
] as const;

export type DevCaErrorCode = (typeof DEVCA_ERROR_CODES)[number];

export class DevCaError extends Error {
  readonly code: DevCaErrorCode;
  constructor(code: DevCaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DevCaError';
    this.code = code;
  }
}

export function isDevCaError(err: unknown): err is DevCaError {
  return err instanceof DevCaError;
}
