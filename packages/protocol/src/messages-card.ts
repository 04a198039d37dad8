/**
 * Messages of card login (issue 6): what the citizen is told for each component code and each verification
 * failure, with what to do, and the texts of the environment check. Merged into the catalogue in messages.ts.
 */
import type { Lang } from './lang';

type Entry = Readonly<Record<Lang, string>>;

export const cardMessages = {
  'card.failedTitle': { 'zh-TW': '憑證登入失敗', en: 'Card sign-in failed' },
} as const satisfies Record<string, Entry>;
