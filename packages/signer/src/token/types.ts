/**
 * The component's view of a card, behind one small interface so the HTTP side never touches PKCS#11:
 * the real implementation is graphene-pk11 (HiCOS's, OpenSC's or SoftHSM2's module), the demo one a PKCS#12
 * software token, and tests may use a fake (named as such) for states SoftHSM2 cannot produce.
 */
import type { LastError, RetCode } from '../codes';

export interface TokenCertificate {
  /** DER. */
  readonly der: Uint8Array;
  /** CKA_ID of the certificate and its private key, hex. */
  readonly id: string;
  readonly label: string;
}

export interface TokenInfo {
  readonly serialNumber: string;
  readonly label: string;
  readonly certificates: readonly TokenCertificate[];
  /** From the token's flags (PKCS#11 v2.40 §3.2 CK_TOKEN_INFO): low count, final try, locked. */
  readonly pinState: 'ok' | 'count_low' | 'final_try' | 'locked';
  readonly pinMinLength: number;
  readonly pinMaxLength: number;
  /** A software token (PKCS#12 file), said so in every answer. */
  readonly software: boolean;
}

export interface SlotInfo {
  /** The reader's name; pages may choose a reader by it (slotDescription). */
  readonly description: string;
  /** Only for display (HiPKI's slotID); never used to find a token again. */
  readonly slotId: number;
  /** Absent when the reader has no card. */
  readonly token?: TokenInfo;
}

/** A failure the component answers with its codes. */
export class TokenError extends Error {
  readonly retCode: RetCode;
  readonly lastError: LastError;
  constructor(retCode: RetCode, lastError: LastError, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenError';
    this.retCode = retCode;
    this.lastError = lastError;
  }
}

export interface SignRequest {
  /** Which token: by serial number or label, never by slot index. Undefined: the only token present. */
  readonly tokenSerial?: string;
  readonly slotDescription?: string;
  /** CKA_ID (hex) of the key to use; default the token's signing certificate's key. */
  readonly keyId?: string;
  readonly pin: string;
  /** The data to sign: the DER of CMS signed attributes, or the tbs bytes for PKCS1. */
  readonly data: Uint8Array;
  /** RSA PKCS#1 v1.5 with this hash over data (CKM_SHA256_RSA_PKCS and kin), or ECDSA over hash(data), raw r||s. */
  readonly hash: 'SHA-256' | 'SHA-384' | 'SHA-512';
}

export interface TokenProvider {
  /** Readers and what is in them. Throws TokenError(NO_READER) when there is no reader at all. */
  slots(): Promise<readonly SlotInfo[]>;
  /**
   * Logs in with the PIN, signs, logs out. The PIN is used once and never kept or logged. Wrong PIN:
   * TokenError(CARD_LOGIN_FAILED, WRONG_PIN | WRONG_PIN_TWO_LEFT | WRONG_PIN_ONE_LEFT); locked: CARD_LOCKED.
   */
  sign(request: SignRequest): Promise<{ signature: Uint8Array; certificate: TokenCertificate; token: TokenInfo }>;
  close(): Promise<void>;
}
