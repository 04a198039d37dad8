/** Messages of the environment check page (環境檢測, issue 6). Merged into the catalogue in messages.ts. */
import type { Lang } from './lang';

type Entry = Readonly<Record<Lang, string>>;

export const envCheckMessages = {
  'envcheck.title': { 'zh-TW': '環境檢測', en: 'Environment check' },
} as const satisfies Record<string, Entry>;
