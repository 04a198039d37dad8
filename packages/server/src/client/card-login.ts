/**
 * Card login in the page (DESIGN.md "Card login" steps 1–3): ask the platform for a challenge, open the local
 * component's popup, hand it the package with the PIN, take back the certificate and signature, and post
 * those — never the PIN — to the platform. Messages are posted only to the component's exact origin, and only
 * its popup's messages are read.
 */
import { componentProblem, pageProblem, t, type CardProblem, type Lang, type MessageKey } from '@menhu/protocol';

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

  // Under the message, a link to the help answer that explains it (DESIGN.md "Card login": the page links the
  // help steps). Only the help page's own anchors are linked, whatever the platform's answer says.
  const helpLine = doc.createElement('p');
  helpLine.id = 'card-help';
  helpLine.hidden = true;
  status.after(helpLine);
  const showHelp = (help: string | undefined) => {
    if (help && /^\/help#[a-z0-9-]+$/.test(help)) {
      const link = doc.createElement('a');
      link.href = help;
      link.textContent = t(lang, 'card.helpLink');
      helpLine.replaceChildren(link);
      helpLine.hidden = false;
    } else {
      helpLine.replaceChildren();
      helpLine.hidden = true;
    }
  };
  const say = (text: string, isError = true, help?: string) => {
    status.textContent = text;
    status.className = isError ? 'field__error' : 'message';
    showHelp(help);
  };
  const sayKey = (key: MessageKey, params?: Record<string, string | number>) => say(t(lang, key, params));
  /** What happened, in bold, then what to do, then the link to the help answer. */
  const sayProblem = (problem: CardProblem) => {
    const title = doc.createElement('strong');
    title.textContent = t(lang, problem.title, problem.params);
    status.replaceChildren(title, ` ${t(lang, problem.remedy, problem.params)}`);
    status.className = 'field__error';
    showHelp(problem.help);
  };

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
      if (!popup) return sayProblem(pageProblem('popupBlocked'));
      const challengeResponse = await fetch('/login/card/challenge', { method: 'POST', headers: { 'x-csrf-token': csrf, accept: 'application/json' }, credentials: 'same-origin' });
      if (!challengeResponse.ok) return say(((await challengeResponse.json()) as { message?: string }).message ?? t(lang, 'card.failedTitle'));
      const challenge = (await challengeResponse.json()) as { tbs: string; nonce: string };
      const ready = await Promise.race([tbsAsked.then(() => true), delay(GET_TBS_TIMEOUT_MS).then(() => false)]);
      if (!ready) return sayProblem(pageProblem('notRunning'));
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
      if (ret !== 0 || !reply.certb64 || !reply.signature) return sayProblem(componentProblem(ret, (reply.last_error ?? 0) >>> 0));
      // A card service page posts its own fields (account, new password) with the answer; the PIN is not among them.
      const fields = Object.fromEntries([...doc.querySelectorAll<HTMLInputElement>('input[data-card-field]')].map((i) => [i.name, i.value]));
      const result = await fetch(panel!.dataset.cardPost ?? '/login/card', {
        method: 'POST',
        headers: { 'x-csrf-token': csrf, accept: 'application/json', 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ ...fields, nonce: challenge.nonce, signatureType: 'PKCS7', certb64: reply.certb64, signature: reply.signature, cardSN: reply.cardSN ?? '' }),
      });
      const body = (await result.json()) as { redirect?: string; message?: string; help?: string };
      if (result.ok && body.redirect) return void window.location.assign(body.redirect);
      say(body.message ?? t(lang, 'card.failedTitle'), true, body.help);
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
