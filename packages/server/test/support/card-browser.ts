/**
 * Card sign-in in Chromium, for suites that drive the login page's card panel (or a card service page's) against
 * the real local component (packages/signer startSigner): a token the component reads through that the suite can
 * change between tests, and the page steps a person takes — type the PIN, press the button, read what the panel
 * says.
 */
import type { Page } from 'playwright-core';
import type { Lang } from '@menhu/protocol';
import { LAST_ERROR, RET, TokenError, type SignRequest, type SlotInfo, type TokenProvider } from '@menhu/signer';
import { WAIT_MS } from './browser';

/** What the component calls the reader while nothing is put in it. */
export const EMPTY_READER = 'Test reader (nothing inserted)';

/**
 * The token behind one running component, exchangeable between tests. The platform knows one SIGNER_URL, so
 * rather than restart the component on that port for every card, a suite starts it once and puts in front of it
 * whichever real token provider a test needs: a PKCS#12 software token, SoftHSM2 or OpenSC through PKCS#11.
 * Everything the component does (origin checks, the popup, PIN rules, expiry, the CMS) runs unchanged; this only
 * forwards `slots()` and `sign()`. It never closes what is put in it: the suite that made a provider closes it.
 */
export class SwappableToken implements TokenProvider {
  #inserted: TokenProvider | undefined;

  /** Puts `token` in the reader, in place of whatever was there. */
  insert(token: TokenProvider): void {
    this.#inserted = token;
  }

  /** Leaves the reader empty: the component then answers "no card" (0x76000006) by itself. */
  remove(): void {
    this.#inserted = undefined;
  }

  slots(): Promise<readonly SlotInfo[]> {
    return this.#inserted ? this.#inserted.slots() : Promise.resolve([{ description: EMPTY_READER, slotId: 0 }]);
  }

  sign(request: SignRequest): ReturnType<TokenProvider['sign']> {
    if (!this.#inserted) return Promise.reject(new TokenError(RET.NO_CARD, LAST_ERROR.NONE, 'no card in the reader'));
    return this.#inserted.sign(request);
  }

  async close(): Promise<void> {
    this.#inserted = undefined;
  }
}

/** The card panel's words, as a person reads them, per language. */
export const CARD_PANEL_TEXT: Readonly<Record<Lang, { readonly pin: string; readonly signIn: string; readonly confirm: string }>> = {
  'zh-TW': { pin: 'PIN 碼', signIn: '登入', confirm: '以憑證確認' },
  en: { pin: 'PIN', signIn: 'Sign in', confirm: 'Confirm with the card' },
};

/**
 * Types the PIN into the page's card panel and presses its button: `signIn` on the login page, `confirm` on the
 * card service pages. Returns at once; the component's popup and the post to the platform follow.
 */
export async function pressCard(page: Page, pin: string, lang: Lang, button: 'signIn' | 'confirm' = 'signIn'): Promise<void> {
  const panel = page.locator('#card-login');
  await panel.getByLabel(CARD_PANEL_TEXT[lang].pin, { exact: true }).fill(pin);
  await panel.getByRole('button', { name: CARD_PANEL_TEXT[lang][button], exact: true }).click();
}

/**
 * What the card panel's status region says once the attempt has failed. The script marks a failure with the
 * error class, and "working…" without it, so this waits for the end rather than for any text.
 */
export async function cardFailure(page: Page): Promise<string> {
  const status = page.locator('#card-status.field__error');
  await status.waitFor({ timeout: WAIT_MS });
  return (await status.innerText()).trim();
}
