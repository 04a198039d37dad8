/**
 * 密碼提示問題 (issue 7): setting the question, and resetting a forgotten password by answering it.
 *
 * NIST SP 800-63B §5.1.1.2 advises against such questions ("Verifiers SHALL NOT prompt subscribers to use
 * specific types of information (e.g., 'What was the name of your first pet?')"): answers are often guessable
 * or public. The route stays because citizens rely on it on the e-Government login page, and it is hedged: the
 * ID number is asked first, five wrong answers close it for an hour with a daily cap, and a reset through it
 * does not sign the citizen in — they sign in with the new password, and settings then need the usual recent
 * sign-in — while every session ends and the citizen is mailed (services/password-change.ts).
 *
 * Nothing here may tell whether an account exists: a name and ID number that do not match (or no such account,
 * or no question set) get a decoy question, one of the presets chosen from an HMAC of the input so that the
 * same input always gets the same question, and a decoy answer costs the same argon2 work as a real one.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { checkAccountName, checkTwId, normaliseAccountName, type Lang, type MessageKey } from '@menhu/protocol';
import type { Database } from '../store/schema';
import { selectAccountById, selectAccountByName } from '../store/accounts';
import { ID_CONTEXT, type Account, type Accounts, type FieldProblem, type Requester } from './accounts';
import type { AttemptLimits, AttemptPolicy } from './attempt-limits';
import type { Audit } from './audit';
import type { Clock } from './clock';
import { lookupHash } from './crypto';
import type { PasswordChange } from './password-change';
import { hashPassword, spendVerificationTime, verifyPassword } from './passwords';
import type { SecurityMail } from './security-mail';

/** The questions offered, stored as `preset:<n>` (1-based) so they read in the reader's language. */
export const HINT_PRESETS = ['hint.preset.1', 'hint.preset.2', 'hint.preset.3', 'hint.preset.4', 'hint.preset.5', 'hint.preset.6'] as const satisfies readonly MessageKey[];
export const HINT_QUESTION_MAX = 60;
export const HINT_ANSWER_MIN = 2;
export const HINT_ANSWER_MAX = 100;

/** DESIGN.md "Abuse limits": five wrong answers close the route for an hour; ten in a day close it for the day. */
export const HINT_POLICY: AttemptPolicy = { maxFailures: 5, pauseMs: 3600_000, dailyCap: 10 };
/** From the first step to the new password; a flow older than this starts again. */
export const HINT_FLOW_MS = 15 * 60_000;

const DECOY_CONTEXT = 'hint.decoy';
const EVENT = 'account.hint_reset';

/**
 * The form an answer is compared in: NFKC (full-width letters and digits become half-width), trimmed, inner
 * whitespace collapsed to one space, and case-folded (upper then lower case, so that e.g. ß and SS agree).
 */
export function normaliseHintAnswer(input: string): string {
  return input.normalize('NFKC').trim().replace(/\s+/gu, ' ').toUpperCase().toLowerCase();
}

/** The stored question as the reader sees it: a preset in their language, or the citizen's own words. */
export function hintQuestionText(stored: string, t: (key: MessageKey) => string): string {
  const preset = /^preset:([1-9])$/.exec(stored);
  const key = preset ? HINT_PRESETS[Number(preset[1]) - 1] : undefined;
  return key ? t(key) : stored;
}

/** The form's three fields: the choice (`''`, `'1'`…`'6'` or `'own'`), the own question and the answer. */
export interface HintInput {
  readonly choice: string;
  readonly own: string;
  readonly answer: string;
}

export type HintField = 'hintQuestion' | 'hintOwn' | 'hintAnswer';
export type HintProblems = Partial<Record<HintField, FieldProblem>>;

/** A question and its hashed answer, ready to store. */
export interface PreparedHint {
  readonly question: string;
  readonly answerHash: string;
}

export type HintCheck = { readonly ok: true; readonly hint: PreparedHint | null } | { readonly ok: false; readonly problems: HintProblems };

/** Where a reset by the hint question stands; kept in the (server-side) browser session between steps. */
export interface HintFlow {
  /** The normalised account name: the key of the attempt counter, existing account or not. */
  readonly name: string;
  /** The account when name, ID number and a question matched; null for a decoy. */
  readonly accountId: string | null;
  /** As stored: `preset:<n>` or the own words. */
  readonly question: string;
  readonly startedAt: number;
  /** When the right answer was given; null before. */
  readonly answeredAt: number | null;
}

export type HintStart =
  | { readonly outcome: 'question'; readonly flow: HintFlow }
  | { readonly outcome: 'invalid'; readonly problems: Partial<Record<'account' | 'idNumber', FieldProblem>> }
  | { readonly outcome: 'closed'; readonly until: number };

export type HintAnswer =
  | { readonly outcome: 'right'; readonly flow: HintFlow }
  | { readonly outcome: 'wrong' }
  | { readonly outcome: 'closed'; readonly until: number }
  | { readonly outcome: 'expired' };

export type HintReset = { readonly outcome: 'done' } | { readonly outcome: 'problem'; readonly problem: FieldProblem } | { readonly outcome: 'expired' };

export function isHintFlow(value: unknown): value is HintFlow {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    typeof f.name === 'string' &&
    (typeof f.accountId === 'string' || f.accountId === null) &&
    typeof f.question === 'string' &&
    typeof f.startedAt === 'number' &&
    (typeof f.answeredAt === 'number' || f.answeredAt === null)
  );
}

export interface HintDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly accounts: Accounts;
  readonly attempts: AttemptLimits;
  readonly audit: Audit;
  readonly securityMail: SecurityMail;
  readonly passwordChange: PasswordChange;
  /** Secrets.lookupHashKey: ID numbers are looked up by it, and decoys are chosen with it. */
  readonly lookupHashKey: Buffer;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createHints(deps: HintDeps) {
  const { db, clock, audit, attempts } = deps;
  const counterKey = (name: string) => `hint:${name}`;

  /** One of the presets, the same for the same name and ID number, unpredictable without the key. */
  function decoyQuestion(name: string, normalisedId: string): string {
    const mac = lookupHash(deps.lookupHashKey, `${name}\0${normalisedId}`, DECOY_CONTEXT);
    return `preset:${(parseInt(mac.slice(0, 8), 16) % HINT_PRESETS.length) + 1}`;
  }

  async function store(accountId: string, hint: PreparedHint | null): Promise<void> {
    await db
      .updateTable('accounts')
      .set({ hint_question: hint?.question ?? null, hint_answer_hash: hint?.answerHash ?? null })
      .where('id', '=', accountId)
      .execute();
  }

  const flowExpired = (flow: HintFlow) => clock.now() - flow.startedAt > HINT_FLOW_MS;

  return {
    /**
     * Checks the form's fields and hashes the answer. With nothing chosen and no answer, `hint` is null: the
     * question is optional at registration (`required` false); settings ask for one.
     */
    async prepare(input: HintInput, required: boolean): Promise<HintCheck> {
      const choice = input.choice.trim();
      const answer = normaliseHintAnswer(input.answer);
      const own = input.own.normalize('NFC').trim().replace(/\s+/gu, ' ');
      if (!required && choice === '' && answer === '') return { ok: true, hint: null };
      const problems: HintProblems = {};
      let question: string | undefined;
      if (choice === 'own') {
        if (own.length === 0 || [...own].length > HINT_QUESTION_MAX) problems.hintOwn = { code: 'ERR_HINT_OWN_QUESTION', params: { max: HINT_QUESTION_MAX } };
        else question = own;
      } else if (/^[1-9]$/.test(choice) && Number(choice) <= HINT_PRESETS.length) {
        question = `preset:${choice}`;
      } else {
        problems.hintQuestion = { code: 'ERR_HINT_QUESTION_MISSING' };
      }
      const length = [...answer].length;
      if (length < HINT_ANSWER_MIN || length > HINT_ANSWER_MAX) {
        problems.hintAnswer = { code: 'ERR_HINT_ANSWER_LENGTH', params: { min: HINT_ANSWER_MIN, max: HINT_ANSWER_MAX } };
      }
      if (question === undefined || Object.keys(problems).length > 0) return { ok: false, problems };
      return { ok: true, hint: { question, answerHash: await hashPassword(answer) } };
    },

    /** The account's question as stored, or null. */
    async questionOf(accountId: string): Promise<string | null> {
      return (await selectAccountById(db, accountId))?.hint_question ?? null;
    },

    /** The question chosen at registration (no mail: the account is new, its activation mail is on its way). */
    async setAtRegistration(accountId: string, hint: PreparedHint, from: Requester): Promise<void> {
      await store(accountId, hint);
      await audit.record({ event: 'account.hint_changed', outcome: 'success', accountId, ...from, detail: { via: 'register' } });
    },

    /** A change from 我的帳戶 (null removes the question): audited, and the citizen is mailed. */
    async change(account: Account, hint: PreparedHint | null, lang: Lang, from: Requester): Promise<void> {
      await store(account.id, hint);
      await audit.record({ event: 'account.hint_changed', outcome: 'success', accountId: account.id, ...from, detail: { via: 'settings', removed: hint === null } });
      await deps.securityMail.notify(account, 'hint_changed', lang);
    },

    /** Step 1: the account name and ID number give the question — the account's, or a decoy. */
    async start(accountName: string, idNumber: string, from: Requester): Promise<HintStart> {
      const name = normaliseAccountName(accountName);
      const id = checkTwId(idNumber);
      const problems: Partial<Record<'account' | 'idNumber', FieldProblem>> = {};
      // Malformed input reveals nothing about accounts: say what to fix, as registration does.
      const nameProblem = checkAccountName(name);
      if (nameProblem) problems.account = { code: nameProblem };
      if (!id.valid) problems.idNumber = { code: id.reason === 'format' ? 'ERR_ID_FORMAT' : 'ERR_ID_CHECKSUM' };
      if (nameProblem || !id.valid) return { outcome: 'invalid', problems };

      const state = await attempts.state(counterKey(name), HINT_POLICY);
      if (state.paused) {
        await audit.record({ event: EVENT, outcome: 'refused', ...from, detail: { reason: 'closed', step: 'start' } });
        return { outcome: 'closed', until: state.until };
      }
      const row = await selectAccountByName(db, name);
      // Both hashes every time, so that no path is quicker than another.
      const idHash = lookupHash(deps.lookupHashKey, id.normalised, ID_CONTEXT);
      const decoy = decoyQuestion(name, id.normalised);
      const idMatches = row !== undefined && sameHex(row.id_number_hash, idHash);
      const reason = !row ? 'no_account' : !idMatches ? 'id_mismatch' : row.status === 'disabled' ? 'disabled' : !row.hint_question || !row.hint_answer_hash ? 'no_hint' : undefined;
      const real = reason === undefined && row?.hint_question ? { accountId: row.id, question: row.hint_question } : undefined;
      await audit.record({
        event: EVENT,
        outcome: real ? 'info' : 'refused',
        accountId: row?.id ?? null,
        ...from,
        detail: { step: 'start', ...(reason ? { reason } : {}) },
      });
      const flow: HintFlow = {
        name,
        accountId: real?.accountId ?? null,
        question: real?.question ?? decoy,
        startedAt: clock.now(),
        answeredAt: null,
      };
      return { outcome: 'question', flow };
    },

    /** Steps 2 and 3: the answer to the question shown. Wrong answers count against the account name. */
    async answer(flow: HintFlow, answer: string, from: Requester): Promise<HintAnswer> {
      if (flowExpired(flow)) return { outcome: 'expired' };
      const key = counterKey(flow.name);
      // Counted before the answer is checked, so a burst of guesses cannot get past the limits.
      const state = await attempts.begin(key, HINT_POLICY);
      if (state.paused) {
        await audit.record({ event: EVENT, outcome: 'refused', accountId: flow.accountId, ...from, detail: { reason: 'closed', step: 'answer' } });
        return { outcome: 'closed', until: state.until };
      }
      const normalised = normaliseHintAnswer(answer);
      const row = flow.accountId ? await selectAccountById(db, flow.accountId) : undefined;
      // A question changed since step 1 counts as no question: the answer shown was for the old one.
      const hash = row && row.status !== 'disabled' && row.hint_question === flow.question ? row.hint_answer_hash : null;
      let right = false;
      if (hash) right = await verifyPassword(hash, normalised);
      else await spendVerificationTime(normalised);

      if (!right) {
        const after = await attempts.settle(key, HINT_POLICY, false);
        await audit.record({ event: EVENT, outcome: 'failure', accountId: flow.accountId, ...from, detail: { reason: 'wrong_answer', closed: after.paused } });
        return after.paused ? { outcome: 'closed', until: after.until } : { outcome: 'wrong' };
      }
      await attempts.settle(key, HINT_POLICY, true);
      await audit.record({ event: EVENT, outcome: 'success', accountId: flow.accountId, ...from, detail: { step: 'answer' } });
      return { outcome: 'right', flow: { ...flow, answeredAt: clock.now() } };
    },

    /**
     * Step 4: the new password, through the one password-change service (via 'hint'): every session of the
     * account ends. The citizen is not signed in here on purpose (see the top of this file).
     */
    async resetPassword(flow: HintFlow, password: string, confirm: string, lang: Lang, from: Requester): Promise<HintReset> {
      if (flowExpired(flow) || flow.answeredAt === null || flow.accountId === null) return { outcome: 'expired' };
      const account = await deps.accounts.byId(flow.accountId);
      if (!account || account.status === 'disabled') return { outcome: 'expired' };
      const problem = await deps.passwordChange.change(account, password, confirm, { via: 'hint', lang, from });
      return problem ? { outcome: 'problem', problem } : { outcome: 'done' };
    },
  };
}

export type Hints = ReturnType<typeof createHints>;
