/** Messages of 軟體式動態密碼 (TOTP) and recovery codes (issue 7). Merged into the catalogue in messages.ts. */
import type { Lang } from './lang';

type Entry = Readonly<Record<Lang, string>>;

export const totpMessages = {} as const satisfies Record<string, Entry>;
