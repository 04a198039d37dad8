/** Everything a page template needs to know about the request it answers. */
import { t as translate, type Lang, type MessageKey } from '@menhu/protocol';

export interface PageContext {
  readonly lang: Lang;
  readonly t: (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;
  /** The CSP nonce for this response's scripts. */
  readonly nonce: string;
  /** The path and query of this page, for the language switch. */
  readonly url: string;
  /** The form token of the browser's session, when it has one. */
  readonly csrfToken: string | undefined;
  /** For the time-out warning: seconds until the session ends, and how long before that to warn. */
  readonly sessionTimer: { readonly expiresIn: number; readonly warnBefore: number } | undefined;
  readonly signedIn: boolean;
}

export function makeT(lang: Lang): PageContext['t'] {
  return (key, params) => translate(lang, key, params);
}
