/**
 * What to tell the citizen when card sign-in fails: the HiPKI component's answer codes (HIPKI.md "Codes";
 * DESIGN.md "Card login") and the page's own failures (no component, blocked popup), each mapped to a title,
 * a remedy and the help question that explains it. The verification errors of packages/pki map to a remedy the
 * same way. Pure: the login page script and the server both use it.
 *
 * @example
 *   const p = componentProblem(answer.ret_code, answer.last_error);
 *   show(t(lang, p.title, p.params), t(lang, p.remedy, p.params), p.help);
 */
import { isMessageKey, type MessageKey } from './messages';

/** `ret_code`, the component's major code (HIPKI.md "Codes"). */
export const COMPONENT_RET = {
  OK: 0,
  NO_CARD: 0x76000006,
  NO_READER: 0x76100003,
  CARD_LOGIN_FAILED: 0x76100006,
  DOMAIN_NOT_ALLOWED: 0x7600000f,
  SITE_NOT_TRUSTED: 0x76000031,
  NO_PIN: 0x76000998,
  CANCELLED: 0x76000999,
  COMPONENT_ERROR: 0x7600000d,
  CERT_EXPIRED: 0x76500002,
  /** The card is a MOICA (citizen) card, and the service asked for another kind. */
  WRONG_SERVICE_MOICA: 0x83000101,
  /** The card is a MOEACA (business) card, and the service asked for another kind. */
  WRONG_SERVICE_MOEACA: 0x83000102,
} as const;

/** `last_error`, the minor code: meaningful with CARD_LOGIN_FAILED, and 429 with COMPONENT_ERROR. */
export const COMPONENT_LAST_ERROR = {
  NONE: 0,
  WRONG_PIN: 0xa0,
  PIN_LENGTH: 0xa2,
  CARD_LOCKED: 0xa4,
  /** CKF_USER_PIN_COUNT_LOW: wrong PIN, two tries left. */
  WRONG_PIN_TWO_LEFT: 0x80000002,
  /** CKF_USER_PIN_FINAL_TRY: wrong PIN, one try left. */
  WRONG_PIN_ONE_LEFT: 0x80000001,
  /** The component's popup limit: too many popups from one site in a minute (HTTP 429's number). */
  RATE_LIMITED: 429,
} as const;

/** Every reason the card panel can report. The message keys are `card.problem.<id>` and `card.remedy.<id>`. */
export const CARD_PROBLEMS = [
  'noCard',
  'noReader',
  'wrongPin',
  'wrongPinTwoLeft',
  'wrongPinOneLeft',
  'pinLength',
  'locked',
  'cardLoginFailed',
  'siteNotTrusted',
  'domainNotAllowed',
  'noPin',
  'cancelled',
  'componentError',
  'rateLimited',
  'certExpired',
  'wrongServiceMoica',
  'wrongServiceMoeaca',
  'notRunning',
  'popupBlocked',
  'unknown',
] as const;

export type CardProblemId = (typeof CARD_PROBLEMS)[number];

/** The failures the page sees itself, which carry no component code. */
export type PageProblemId = 'notRunning' | 'popupBlocked';

/** The help page's questions, by anchor, so messages link to the exact answer (`/help#<anchor>`). */
export const HELP_ANCHORS = [
  'card-failed',
  'cookies-chrome',
  'cookies-edge',
  'install-component',
  'trust-site',
  'popups',
  'locked-card',
  'mobile-certificate',
  'browsers',
  'clock',
  'helplines',
] as const;

export type HelpAnchor = (typeof HELP_ANCHORS)[number];

export interface CardProblem {
  readonly id: CardProblemId;
  /** What happened, one line. */
  readonly title: MessageKey;
  /** What to do. */
  readonly remedy: MessageKey;
  /** Placeholder values of title and remedy (`{code}`: the codes in hex, for the unknown ones). */
  readonly params?: Readonly<Record<string, string>>;
  /** The help answer to link, e.g. `/help#locked-card`. */
  readonly help: `/help#${HelpAnchor}`;
}

const HELP: Record<CardProblemId, HelpAnchor> = {
  noCard: 'card-failed',
  noReader: 'install-component',
  wrongPin: 'locked-card',
  wrongPinTwoLeft: 'locked-card',
  wrongPinOneLeft: 'locked-card',
  pinLength: 'locked-card',
  locked: 'locked-card',
  cardLoginFailed: 'card-failed',
  siteNotTrusted: 'trust-site',
  domainNotAllowed: 'trust-site',
  noPin: 'card-failed',
  cancelled: 'card-failed',
  componentError: 'install-component',
  rateLimited: 'popups',
  certExpired: 'helplines',
  wrongServiceMoica: 'mobile-certificate',
  wrongServiceMoeaca: 'mobile-certificate',
  notRunning: 'install-component',
  popupBlocked: 'popups',
  unknown: 'card-failed',
};

/** The problem `id`, with its keys; `params` only where its texts have placeholders. */
export function cardProblem(id: CardProblemId, params?: Readonly<Record<string, string>>): CardProblem {
  return {
    id,
    title: `card.problem.${id}`,
    remedy: `card.remedy.${id}`,
    ...(params ? { params } : {}),
    help: `/help#${HELP[id]}`,
  };
}

/** `0x76000006`: eight hex digits, as the codes are written in the component's documentation. */
export function hexCode(code: number): string {
  return `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/**
 * The problem a component answer reports. `retCode` and `lastError` may be signed 32-bit integers
 * (0x80000002 arrives as -2147483646); they are compared unsigned. A code this table does not know gives
 * `unknown` with both codes in hex, so the citizen can quote them to a helpdesk.
 * @throws TypeError when `retCode` is 0 (success is not a problem) or either code is not an integer.
 */
export function componentProblem(retCode: number, lastError: number): CardProblem {
  if (!Number.isInteger(retCode) || !Number.isInteger(lastError)) {
    throw new TypeError('componentProblem: ret_code and last_error must be integers');
  }
  const ret = retCode >>> 0;
  const last = lastError >>> 0;
  if (ret === COMPONENT_RET.OK) throw new TypeError('componentProblem: ret_code 0 is success, not a problem');
  const codes = { code: `${hexCode(ret)} / ${hexCode(last)}` };
  switch (ret) {
    case COMPONENT_RET.NO_CARD:
      return cardProblem('noCard');
    case COMPONENT_RET.NO_READER:
      return cardProblem('noReader');
    case COMPONENT_RET.CARD_LOGIN_FAILED:
      switch (last) {
        case COMPONENT_LAST_ERROR.WRONG_PIN:
          return cardProblem('wrongPin');
        case COMPONENT_LAST_ERROR.WRONG_PIN_TWO_LEFT:
          return cardProblem('wrongPinTwoLeft');
        case COMPONENT_LAST_ERROR.WRONG_PIN_ONE_LEFT:
          return cardProblem('wrongPinOneLeft');
        case COMPONENT_LAST_ERROR.PIN_LENGTH:
          return cardProblem('pinLength');
        case COMPONENT_LAST_ERROR.CARD_LOCKED:
          return cardProblem('locked');
        default:
          return cardProblem('cardLoginFailed', codes);
      }
    case COMPONENT_RET.SITE_NOT_TRUSTED:
      return cardProblem('siteNotTrusted');
    case COMPONENT_RET.DOMAIN_NOT_ALLOWED:
      return cardProblem('domainNotAllowed');
    case COMPONENT_RET.NO_PIN:
      return cardProblem('noPin');
    case COMPONENT_RET.CANCELLED:
      return cardProblem('cancelled');
    case COMPONENT_RET.COMPONENT_ERROR:
      return last === COMPONENT_LAST_ERROR.RATE_LIMITED ? cardProblem('rateLimited') : cardProblem('componentError');
    case COMPONENT_RET.CERT_EXPIRED:
      return cardProblem('certExpired');
    case COMPONENT_RET.WRONG_SERVICE_MOICA:
      return cardProblem('wrongServiceMoica');
    case COMPONENT_RET.WRONG_SERVICE_MOEACA:
      return cardProblem('wrongServiceMoeaca');
    default:
      return cardProblem('unknown', codes);
  }
}

/**
 * The failures the page detects itself: `notRunning` when the popup sent no `getTbs` within about 3.5 s
 * (HIPKI.md "Where it listens"), `popupBlocked` when window.open returned null.
 */
export function pageProblem(id: PageProblemId): CardProblem {
  return cardProblem(id);
}

/** Where a verification failure (an ERR_PKI_* code of packages/pki) should send the citizen. */
const VERIFICATION_HELP: Readonly<Record<string, HelpAnchor>> = {
  ERR_PKI_CERT_EXPIRED: 'helplines',
  ERR_PKI_REVOKED: 'helplines',
  ERR_PKI_UNTRUSTED_ISSUER: 'mobile-certificate',
  ERR_PKI_ORIGIN_MISMATCH: 'card-failed',
  // A certificate "not yet valid" on a fresh card most often means the computer's or the server's clock is off.
  ERR_PKI_CERT_NOT_YET_VALID: 'clock',
  ERR_PKI_REVOCATION_UNAVAILABLE: 'card-failed',
};

export interface VerificationRemedy {
  /** The error's own text (the code is its message key); `ERR_INTERNAL` for a code the catalogue lacks. */
  readonly message: MessageKey;
  /** What to do: `card.remedy.<code>`, or the generic `card.remedy.verificationFailed`. */
  readonly remedy: MessageKey;
  readonly help: `/help#${HelpAnchor}`;
}

/** The message and remedy of a verification error code returned by the server (packages/pki errors.ts). */
export function verificationRemedy(code: string): VerificationRemedy {
  const remedyKey = `card.remedy.${code}`;
  return {
    message: isMessageKey(code) ? code : 'ERR_INTERNAL',
    remedy: isMessageKey(remedyKey) ? remedyKey : 'card.remedy.verificationFailed',
    help: `/help#${VERIFICATION_HELP[code] ?? 'card-failed'}`,
  };
}
