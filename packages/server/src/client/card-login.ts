/**
 * Card login in the page (DESIGN.md "Card login" steps 1–3): ask the platform for a challenge, open the local
 * component's popup, hand it the package with the PIN, take back the certificate and signature, and post
 * those — never the PIN — to the platform. Messages are posted only to the component's exact origin, and only
 * its popup's messages are read.
 */
import { componentProblem, pageProblem, t, type Lang, type MessageKey } from '@menhu/protocol';

/** Pages treat "no getTbs within about 3.5 s" as "the component is not installed or not running" (HIPKI.md). */
const GET_TBS_TIMEOUT_MS = 3500;
/** The person types the PIN and the card signs: give it time. */
const ANSWER_TIMEOUT_MS = 120_000;

interface ComponentAnswer {
  ret_code?: number;
  last_error?: number;
  certb64?: string;
  signature?: string;
  cardSN?: string;
}

export function startCardLogin(doc: Document): void {
  const panel = doc.getElementById('card-login') as HTMLFieldSetElement | null;
  const button = doc.getElementById('card-submit') as HTMLButtonElement | null;
  const pinInput = doc.getElementById('pin') as HTMLInputElement | null;
  const status = doc.getElementById('card-status');
  if (!panel || panel.disabled || !button || !pinInput || !status) return;
  const signerOrigin = new URL(panel.dataset.signerUrl ?? 'http://localhost:61161').origin;
  const csrf = doc.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
  const lang: Lang = doc.documentElement.lang.startsWith('zh') ? 'zh-TW' : 'en';

  const say = (text: string, isError = true) => {
    status.textContent = text;
    status.className = isError ? 'field__error' : 'message';
  };
  const sayKey = (key: MessageKey, params?: Record<string, string | number>) => say(t(lang, key, params));

  async function login(): Promise<void> {
    const pin = pinInput!.value.normalize('NFKC');
    if (!/^\d{6,8}$/.test(pin)) return sayKey('card.pinFormat');
    say(t(lang, 'card.working'), false);

    let popup: Window | null = null;
    let gotTbs!: () => void;
    const tbsAsked = new Promise<void>((resolve) => (gotTbs = resolve));
    let answered!: (a: ComponentAnswer) => void;
    const answer = new Promise<ComponentAnswer>((resolve) => (answered = resolve));
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== signerOrigin || event.source !== popup || typeof event.data !== 'string') return;
      let data: { func?: string } & ComponentAnswer;
      try {
        data = JSON.parse(event.data) as typeof data;
      } catch {
        return;
      }
      if (data.func === 'getTbs') gotTbs();
      else answered(data);
    };
    window.addEventListener('message', onMessage);
    try {
      popup = window.open(`${signerOrigin}/popupForm`, 'menhu-signer', 'width=480,height=360');
      if (!popup) return say(pageMessage(lang, 'popupBlocked'));
      const challengeResponse = await fetch('/login/card/challenge', { method: 'POST', headers: { 'x-csrf-token': csrf, accept: 'application/json' }, credentials: 'same-origin' });
      if (!challengeResponse.ok) return say(((await challengeResponse.json()) as { message?: string }).message ?? t(lang, 'card.failedTitle'));
      const challenge = (await challengeResponse.json()) as { tbs: string; nonce: string };
      const ready = await Promise.race([tbsAsked.then(() => true), delay(GET_TBS_TIMEOUT_MS).then(() => false)]);
      if (!ready) return say(pageMessage(lang, 'notRunning'));
      // HiPKI pages URI-encode the tbs and the PIN inside the package; the component decodes them once.
      const pkg = {
        tbs: encodeURIComponent(challenge.tbs),
        tbsEncoding: 'NONE',
        hashAlgorithm: 'SHA256',
        withCardSN: 'true',
        pin: encodeURIComponent(pin),
        nonce: challenge.nonce,
        func: 'MakeSignature',
        signatureType: 'PKCS7',
      };
      popup.postMessage(JSON.stringify(pkg), signerOrigin);
      pinInput!.value = '';
      const reply = await Promise.race([answer, delay(ANSWER_TIMEOUT_MS).then((): ComponentAnswer => ({ ret_code: 0x7600000d, last_error: 0 }))]);
      const ret = (reply.ret_code ?? 0x7600000d) >>> 0;
      if (ret !== 0 || !reply.certb64 || !reply.signature) return say(componentMessage(lang, ret, (reply.last_error ?? 0) >>> 0));
      // A card service page posts its own fields (account, new password) with the answer; the PIN is not among them.
      const fields = Object.fromEntries([...doc.querySelectorAll<HTMLInputElement>('input[data-card-field]')].map((i) => [i.name, i.value]));
      const result = await fetch(panel!.dataset.cardPost ?? '/login/card', {
        method: 'POST',
        headers: { 'x-csrf-token': csrf, accept: 'application/json', 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ ...fields, nonce: challenge.nonce, signatureType: 'PKCS7', certb64: reply.certb64, signature: reply.signature, cardSN: reply.cardSN ?? '' }),
      });
      const body = (await result.json()) as { redirect?: string; message?: string };
      if (result.ok && body.redirect) return void window.location.assign(body.redirect);
      say(body.message ?? t(lang, 'card.failedTitle'));
    } catch {
      sayKey('card.failedTitle');
    } finally {
      window.removeEventListener('message', onMessage);
    }
  }

  button.addEventListener('click', () => void login());
  pinInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void login();
    }
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The component's code in words: what happened and what to do (packages/protocol component-codes). */
function componentMessage(lang: Lang, ret: number, lastError: number): string {
  const problem = componentProblem(ret, lastError);
  return `${t(lang, problem.title, problem.params)} ${t(lang, problem.remedy, problem.params)}`;
}

function pageMessage(lang: Lang, id: 'notRunning' | 'popupBlocked'): string {
  const problem = pageProblem(id);
  return `${t(lang, problem.title)} ${t(lang, problem.remedy)}`;
}
