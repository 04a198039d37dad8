/**
 * FAKE TOKEN — for tests only. An in-memory card with a software key, for the states SoftHSM2 cannot produce
 * (STACK-NOTES.md: SoftHSM never locks a PIN and sets only CKF_USER_PIN_COUNT_LOW): a card whose PIN tries run
 * out — count low, final try, locked — and a card that is locked from the start. It follows the same rules as
 * the PKCS#11 provider (`./pin`, `./certificate`), so the component's answers to those states can be tested
 * through the same TokenProvider interface. Never use it to sign anything real: it says FAKE in its label.
 */
import { createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { LAST_ERROR, RET } from '../codes';
import { checkNotExpired, chooseSigningCertificate } from './certificate';
import { checkPinBeforeLogin, wrongPinError, type PinState } from './pin';
import { TokenError, type SignRequest, type SlotInfo, type TokenCertificate, type TokenInfo, type TokenProvider } from './types';

export const FAKE_TOKEN_LABEL = 'FAKE TOKEN — tests only';
export const FAKE_READER = 'FAKE READER — tests only';

export interface FakeTokenOptions {
  /** The card's certificate, DER. */
  readonly certificate: Uint8Array;
  /** Its private key: PKCS#8 PEM or a KeyObject (RSA or EC). */
  readonly privateKey: string | KeyObject;
  readonly pin: string;
  readonly serialNumber?: string;
  /** CKA_ID of the certificate and key, hex. Default 01. */
  readonly keyId?: string;
  /** Wrong PINs the card takes before it locks. Default 3, as citizen cards (DESIGN.md "Card login"). */
  readonly maxTries?: number;
  /** Start locked. */
  readonly locked?: boolean;
  /** Default 6 and 8, as citizen cards. */
  readonly pinMinLength?: number;
  readonly pinMaxLength?: number;
  readonly now?: () => Date;
}

const NODE_HASH = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;

/** A fake card in a fake reader, behind the TokenProvider interface. Tests only. */
export class FakeToken implements TokenProvider {
  readonly #key: KeyObject;
  readonly #pin: string;
  readonly #certificate: TokenCertificate;
  readonly #serialNumber: string;
  readonly #maxTries: number;
  readonly #pinMinLength: number;
  readonly #pinMaxLength: number;
  readonly #now: () => Date;
  #triesLeft: number;
  #inserted = true;
  #closed = false;
  /** How many times the "card" was asked to check a PIN: tests prove a refusal spent no try. */
  loginAttempts = 0;

  constructor(options: FakeTokenOptions) {
    this.#key = typeof options.privateKey === 'string' ? createPrivateKey(options.privateKey) : options.privateKey;
    if (this.#key.type !== 'private') throw new TypeError('FakeToken: privateKey must be a private key');
    this.#pin = options.pin;
    const keyId = (options.keyId ?? '01').toLowerCase();
    this.#certificate = { der: new Uint8Array(options.certificate), id: keyId, label: FAKE_TOKEN_LABEL };
    this.#serialNumber = options.serialNumber ?? 'FAKE00000001';
    this.#maxTries = options.maxTries ?? 3;
    if (!Number.isInteger(this.#maxTries) || this.#maxTries < 1) throw new TypeError('FakeToken: maxTries must be a positive integer');
    this.#pinMinLength = options.pinMinLength ?? 6;
    this.#pinMaxLength = options.pinMaxLength ?? 8;
    this.#now = options.now ?? (() => new Date());
    this.#triesLeft = options.locked ? 0 : this.#maxTries;
  }

  /** Takes the card out of the fake reader (sign answers no card) or puts it back. */
  setInserted(inserted: boolean): void {
    this.#inserted = inserted;
  }

  /**
   * The flags a card reports (PKCS#11 v2.40 §3.2): COUNT_LOW after a wrong PIN, FINAL_TRY when one try is
   * left, LOCKED when none is.
   */
  get pinState(): PinState {
    if (this.#triesLeft <= 0) return 'locked';
    if (this.#triesLeft === 1) return 'final_try';
    if (this.#triesLeft < this.#maxTries) return 'count_low';
    return 'ok';
  }

  #token(): TokenInfo {
    return {
      serialNumber: this.#serialNumber,
      label: FAKE_TOKEN_LABEL,
      certificates: [this.#certificate],
      pinState: this.pinState,
      pinMinLength: this.#pinMinLength,
      pinMaxLength: this.#pinMaxLength,
      software: false,
    };
  }

  #open(): void {
    if (this.#closed) throw new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, 'the fake token is closed');
  }

  async slots(): Promise<readonly SlotInfo[]> {
    this.#open();
    return [{ description: FAKE_READER, slotId: 0, ...(this.#inserted ? { token: this.#token() } : {}) }];
  }

  async sign(request: SignRequest): Promise<{ signature: Uint8Array; certificate: TokenCertificate; token: TokenInfo }> {
    this.#open();
    const wrongReader = request.slotDescription !== undefined && request.slotDescription !== FAKE_READER;
    const wrongCard = request.tokenSerial !== undefined && request.tokenSerial !== this.#serialNumber && request.tokenSerial !== FAKE_TOKEN_LABEL;
    if (!this.#inserted || wrongReader || wrongCard) throw new TokenError(RET.NO_CARD, LAST_ERROR.NONE, 'no card in the reader');

    const certificate = chooseSigningCertificate([this.#certificate], request.keyId);
    checkNotExpired(certificate, this.#now());
    checkPinBeforeLogin(request.pin, this.#token());

    this.loginAttempts += 1;
    if (request.pin !== this.#pin) {
      this.#triesLeft -= 1;
      throw wrongPinError(this.pinState);
    }
    this.#triesLeft = this.#maxTries;

    const algorithm = NODE_HASH[request.hash];
    // EC: raw r||s, as CKM_ECDSA answers (IEEE P1363 encoding).
    const signature =
      this.#key.asymmetricKeyType === 'ec' ? nodeSign(algorithm, request.data, { key: this.#key, dsaEncoding: 'ieee-p1363' }) : nodeSign(algorithm, request.data, this.#key);
    return { signature: new Uint8Array(signature), certificate, token: this.#token() };
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}
