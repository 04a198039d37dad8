/**
 * Cards through a PKCS#11 module (HiCOS's, OpenSC's, SoftHSM2's) with graphene-pk11.
 *
 * - One module instance per process and library path: a second C_Initialize of the same library fails
 *   (CKR_CRYPTOKI_ALREADY_INITIALIZED, STACK-NOTES.md), so providers share a registry entry, counted, and the
 *   last `close()` finalizes it. The library stays loaded (never dlclose'd) and is initialised again if wanted.
 * - Tokens are found by serial number, label or reader name, never by slot index (SoftHSM2 moves a token to a
 *   random-looking slot id; readers come and go).
 * - Everything a card can refuse without spending a PIN try is checked first: the certificate's expiry, a locked
 *   card, the PIN's length against the token's own limits.
 * - Login state in PKCS#11 belongs to the application, not the session (PKCS#11 v2.40 §5.6), so operations on
 *   one module run one at a time.
 * - The PIN is passed to C_Login and dropped: never logged, kept or put into an error message.
 */
import { createHash } from 'node:crypto';
import { KeyType, MechanismEnum, Module, ObjectClass, SessionFlag, SlotFlag, UserType, type PrivateKey, type Session, type Slot } from 'graphene-pk11';
import { LAST_ERROR, RET } from '../codes';
import { checkNotExpired, chooseSigningCertificate } from './certificate';
import { CKF, checkPinBeforeLogin, lockedError, pinStateOfFlags, wrongPinError } from './pin';
import { TokenError, type SignRequest, type SlotInfo, type TokenCertificate, type TokenInfo, type TokenProvider } from './types';

export interface Pkcs11TokenProviderOptions {
  /** Path of the PKCS#11 library, e.g. /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so or /usr/lib/softhsm/libsofthsm2.so */
  readonly module: string;
  /** A name for the module in messages (graphene's libName). Default: the file's path. */
  readonly name?: string;
  /** The clock certificates' expiry is checked against. Default: the system clock. */
  readonly now?: () => Date;
}

/** CK_RV values this provider answers differently (PKCS#11 v2.40 §3.6 / pkcs11t.h). */
export const CKR = {
  DEVICE_REMOVED: 0x32,
  MECHANISM_INVALID: 0x70,
  PIN_INCORRECT: 0xa0,
  PIN_INVALID: 0xa1,
  PIN_LEN_RANGE: 0xa2,
  PIN_LOCKED: 0xa4,
  SESSION_HANDLE_INVALID: 0xb3,
  TOKEN_NOT_PRESENT: 0xe0,
  TOKEN_NOT_RECOGNIZED: 0xe1,
  USER_ALREADY_LOGGED_IN: 0x100,
  USER_NOT_LOGGED_IN: 0x101,
} as const;

/** The card went away, or the reader holds something that is not a card the module knows. */
const NO_CARD_CODES: ReadonlySet<number> = new Set([CKR.TOKEN_NOT_PRESENT, CKR.TOKEN_NOT_RECOGNIZED, CKR.DEVICE_REMOVED, CKR.SESSION_HANDLE_INVALID]);

/**
 * The CK_RV of a PKCS#11 failure: pkcs11js's Pkcs11Error carries it in `.code`; errors handed to an async
 * callback may carry it only in the message ("CKR_PIN_INCORRECT:160"). Undefined for anything else.
 */
export function pkcs11Code(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'number' && code > 0) return code;
  const message = (err as { message?: unknown }).message;
  const match = typeof message === 'string' ? /CKR_[A-Z0-9_]+:(\d+)/.exec(message) : null;
  return match ? Number(match[1]) : undefined;
}

interface LoadedModule {
  readonly module: Module;
  users: number;
  initialized: boolean;
  /** Operations on one module run one after another (login state is per application). */
  queue: Promise<unknown>;
}

/** One entry per library path, for the whole process. */
const registry = new Map<string, LoadedModule>();

function acquire(path: string, name: string): LoadedModule {
  let entry = registry.get(path);
  if (!entry) {
    let module: Module;
    try {
      module = Module.load(path, name);
    } catch (err) {
      throw new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, `cannot load the PKCS#11 module ${path}`, { cause: err });
    }
    entry = { module, users: 0, initialized: false, queue: Promise.resolve() };
    registry.set(path, entry);
  }
  if (!entry.initialized) {
    try {
      entry.module.initialize();
    } catch (err) {
      throw new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, `the PKCS#11 module ${path} failed to initialise`, { cause: err });
    }
    entry.initialized = true;
  }
  entry.users += 1;
  return entry;
}

function release(entry: LoadedModule): void {
  entry.users -= 1;
  if (entry.users > 0 || !entry.initialized) return;
  entry.initialized = false;
  try {
    entry.module.finalize();
  } catch {
    // Finalizing a module whose reader service went away may fail; there is nothing left to release.
  }
}

function componentError(what: string, err: unknown): TokenError {
  if (err instanceof TokenError) return err;
  const code = pkcs11Code(err);
  if (code !== undefined && NO_CARD_CODES.has(code)) return new TokenError(RET.NO_CARD, LAST_ERROR.NONE, 'no card in the reader', { cause: err });
  const detail = code !== undefined ? ` (CK_RV 0x${code.toString(16)})` : '';
  return new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, `${what} failed${detail}`, { cause: err });
}

/** Text fields of CK_SLOT_INFO and CK_TOKEN_INFO are blank-padded, fixed-length (PKCS#11 v2.40 §3.2). */
function unpad(text: string): string {
  return text.replace(/[\s\0]+$/u, '').replace(/^\s+/u, '');
}

/** CK_SLOT_ID, an unsigned long, as graphene hands it over: a little-endian buffer. For display only. */
function slotIdOf(slot: Slot): number {
  const handle = slot.handle;
  return handle.length >= 8 ? Number(handle.readBigUInt64LE(0)) : handle.readUInt32LE(0);
}

function hex(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString('hex') : '';
}

function readCertificates(session: Session): TokenCertificate[] {
  const found = session.find({ class: ObjectClass.CERTIFICATE });
  const certificates: TokenCertificate[] = [];
  for (let i = 0; i < found.length; i++) {
    const attrs = found.items(i).getAttribute({ value: null, id: null, label: null });
    if (!Buffer.isBuffer(attrs.value) || attrs.value.length === 0) continue;
    certificates.push({ der: new Uint8Array(attrs.value), id: hex(attrs.id), label: typeof attrs.label === 'string' ? unpad(attrs.label) : '' });
  }
  return certificates;
}

interface FoundSlot {
  readonly slot: Slot;
  readonly info: SlotInfo;
}

/**
 * A slot and what is in it. A token counts as present when the slot says so (CKF_TOKEN_PRESENT), C_GetTokenInfo
 * answers, and it is initialised (CKF_TOKEN_INITIALIZED): SoftHSM2 always shows one blank, uninitialised token,
 * which has no PIN, no keys and nothing to show.
 */
function readSlot(slot: Slot): FoundSlot {
  const base = { description: unpad(slot.slotDescription), slotId: slotIdOf(slot) };
  if (!(slot.flags & SlotFlag.TOKEN_PRESENT)) return { slot, info: base };
  let token: ReturnType<Slot['getToken']>;
  try {
    token = slot.getToken();
  } catch (err) {
    const code = pkcs11Code(err);
    if (code !== undefined && NO_CARD_CODES.has(code)) return { slot, info: base };
    throw componentError('reading the card (C_GetTokenInfo)', err);
  }
  if (!(token.flags & CKF.TOKEN_INITIALIZED)) return { slot, info: base };
  let certificates: TokenCertificate[];
  try {
    const session = slot.open(SessionFlag.SERIAL_SESSION);
    try {
      certificates = readCertificates(session);
    } finally {
      closeQuietly(session);
    }
  } catch (err) {
    const code = pkcs11Code(err);
    if (code !== undefined && NO_CARD_CODES.has(code)) return { slot, info: base };
    throw componentError('reading the card\'s certificates', err);
  }
  const info: TokenInfo = {
    serialNumber: unpad(token.serialNumber),
    label: unpad(token.label),
    certificates,
    pinState: pinStateOfFlags(token.flags),
    pinMinLength: token.minPinLen,
    pinMaxLength: token.maxPinLen,
    software: false,
  };
  return { slot, info: { ...base, token: info } };
}

function readSlots(module: Module): FoundSlot[] {
  let count: number;
  let slots: ReturnType<Module['getSlots']>;
  try {
    slots = module.getSlots(false);
    count = slots.length;
  } catch (err) {
    throw componentError('listing the readers (C_GetSlotList)', err);
  }
  if (count === 0) throw new TokenError(RET.NO_READER, LAST_ERROR.NONE, 'no card reader was found');
  const found: FoundSlot[] = [];
  for (let i = 0; i < count; i++) found.push(readSlot(slots.items(i)));
  return found;
}

/** By serial number, else label; by reader name; or the only card present. */
function chooseToken(slots: readonly FoundSlot[], request: Pick<SignRequest, 'tokenSerial' | 'slotDescription'>): FoundSlot & { info: { token: TokenInfo } } {
  let present = slots.filter((s): s is FoundSlot & { info: { token: TokenInfo } } => s.info.token !== undefined);
  if (request.slotDescription !== undefined) {
    const reader = request.slotDescription.trim();
    present = present.filter((s) => s.info.description === reader);
  }
  if (request.tokenSerial !== undefined) {
    const wanted = request.tokenSerial.trim();
    const bySerial = present.filter((s) => s.info.token.serialNumber === wanted);
    present = bySerial.length > 0 ? bySerial : present.filter((s) => s.info.token.label === wanted);
  }
  if (present.length === 0) throw new TokenError(RET.NO_CARD, LAST_ERROR.NONE, 'no card in the reader');
  if (present.length > 1) {
    const withCertificates = present.filter((s) => s.info.token.certificates.length > 0);
    if (withCertificates.length !== 1) {
      throw new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, `${present.length} cards are present; choose one by serial number or reader`);
    }
    return withCertificates[0]!;
  }
  return present[0]!;
}

function closeQuietly(session: Session): void {
  try {
    session.close();
  } catch {
    // The card may be gone already; the session is gone with it.
  }
}

function pinStateNow(slot: Slot): TokenInfo['pinState'] | undefined {
  try {
    return pinStateOfFlags(slot.getToken().flags);
  } catch {
    return undefined;
  }
}

/** C_Login as the user; wrong PIN, locked card and length answers as DESIGN.md "Card login" lists them. */
function login(session: Session, slot: Slot, pin: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      session.login(pin, UserType.USER);
      return;
    } catch (err) {
      const code = pkcs11Code(err);
      switch (code) {
        case CKR.PIN_INCORRECT:
          // The flags after the failed try tell how many are left (CKF_USER_PIN_COUNT_LOW / FINAL_TRY / LOCKED).
          throw wrongPinError(pinStateNow(slot) ?? 'ok', err);
        case CKR.PIN_LOCKED:
          throw lockedError(err);
        case CKR.PIN_LEN_RANGE:
        case CKR.PIN_INVALID:
          throw new TokenError(RET.CARD_LOGIN_FAILED, LAST_ERROR.PIN_LENGTH, 'the card does not accept a PIN of this length or these characters', { cause: err });
        case CKR.USER_ALREADY_LOGGED_IN:
          // A login left over from an interrupted operation: log out and prove the PIN again, never sign on it.
          if (attempt === 0) {
            try {
              session.logout();
            } catch {
              // Retried below; a second refusal is an error.
            }
            continue;
          }
          throw componentError('logging in to the card (C_Login)', err);
        default:
          throw componentError('logging in to the card (C_Login)', err);
      }
    }
  }
}

function findPrivateKey(session: Session, id: string): PrivateKey {
  const found = session.find({ class: ObjectClass.PRIVATE_KEY, id: Buffer.from(id, 'hex') });
  if (found.length === 0) throw new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, `the card holds no private key with id ${id}`);
  return found.items(0).toType<PrivateKey>();
}

const RSA_MECHANISM = {
  'SHA-256': MechanismEnum.SHA256_RSA_PKCS,
  'SHA-384': MechanismEnum.SHA384_RSA_PKCS,
  'SHA-512': MechanismEnum.SHA512_RSA_PKCS,
} as const;

/** DER DigestInfo prefixes for CKM_RSA_PKCS when a card lacks the hash-and-sign mechanisms (RFC 8017 §9.2, note 1). */
const DIGEST_INFO_PREFIX = {
  'SHA-256': '3031300d060960864801650304020105000420',
  'SHA-384': '3041300d060960864801650304020205000430',
  'SHA-512': '3051300d060960864801650304020305000440',
} as const;

const NODE_HASH = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;

function signOnce(session: Session, mechanism: MechanismEnum, key: PrivateKey, data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    try {
      // The callback form runs C_Sign off the event loop: a card takes up to a second or so.
      session.createSign(mechanism, key).once(data, (err, signature) => (err ? reject(err) : resolve(signature)));
    } catch (err) {
      reject(err);
    }
  });
}

/**
 * RSA: PKCS#1 v1.5 over the data with the hash (CKM_SHA256_RSA_PKCS…), or CKM_RSA_PKCS over a DigestInfo made
 * here when the card has no such mechanism. EC: CKM_ECDSA over the hash, which answers r||s (PKCS#11 v2.40
 * Mechanisms §2.3.1).
 */
async function signData(session: Session, key: PrivateKey, request: SignRequest): Promise<Uint8Array> {
  const data = Buffer.from(request.data);
  const digest = () => createHash(NODE_HASH[request.hash]).update(data).digest();
  const type = key.type;
  if (type === KeyType.EC || type === KeyType.ECDSA) return new Uint8Array(await signOnce(session, MechanismEnum.ECDSA, key, digest()));
  if (type !== KeyType.RSA) throw new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, `the card's key is of a type this component cannot use (CKK 0x${Number(type).toString(16)})`);
  try {
    return new Uint8Array(await signOnce(session, RSA_MECHANISM[request.hash], key, data));
  } catch (err) {
    if (pkcs11Code(err) !== CKR.MECHANISM_INVALID) throw err;
  }
  const digestInfo = Buffer.concat([Buffer.from(DIGEST_INFO_PREFIX[request.hash], 'hex'), digest()]);
  return new Uint8Array(await signOnce(session, MechanismEnum.RSA_PKCS, key, digestInfo));
}

export function pkcs11TokenProvider(options: Pkcs11TokenProviderOptions): TokenProvider {
  if (typeof options?.module !== 'string' || options.module.trim() === '') throw new TypeError('pkcs11TokenProvider: give the path of the PKCS#11 module');
  const path = options.module;
  const name = options.name ?? path;
  const now = options.now ?? (() => new Date());
  let entry: LoadedModule | undefined;
  let closed = false;

  /** Runs `fn` after every earlier operation on the same module, loading and initialising it on first use. */
  function exclusive<T>(fn: (module: Module) => T | Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new TokenError(RET.COMPONENT_ERROR, LAST_ERROR.NONE, 'the token provider is closed'));
    let loaded: LoadedModule;
    try {
      loaded = entry ??= acquire(path, name);
    } catch (err) {
      return Promise.reject(err);
    }
    const result = loaded.queue.then(() => fn(loaded.module));
    loaded.queue = result.catch(() => undefined);
    return result;
  }

  return {
    slots() {
      return exclusive((module) => readSlots(module).map((s) => s.info));
    },

    sign(request) {
      return exclusive(async (module) => {
        const chosen = chooseToken(readSlots(module), request);
        const token = chosen.info.token;
        const certificate = chooseSigningCertificate(token.certificates, request.keyId);
        checkNotExpired(certificate, now());
        checkPinBeforeLogin(request.pin, token);

        let session: Session;
        try {
          session = chosen.slot.open(SessionFlag.SERIAL_SESSION);
        } catch (err) {
          throw componentError('opening a session with the card (C_OpenSession)', err);
        }
        try {
          login(session, chosen.slot, request.pin);
          try {
            const key = findPrivateKey(session, certificate.id);
            const signature = await signData(session, key, request);
            return { signature, certificate, token: { ...token, pinState: pinStateNow(chosen.slot) ?? token.pinState } };
          } catch (err) {
            throw componentError('signing on the card (C_Sign)', err);
          } finally {
            try {
              session.logout();
            } catch {
              // Closing the session below ends the login too when it was the last one (PKCS#11 v2.40 §5.6).
            }
          }
        } finally {
          closeQuietly(session);
        }
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      const loaded = entry;
      entry = undefined;
      if (!loaded) return;
      await loaded.queue;
      release(loaded);
    },
  };
}
