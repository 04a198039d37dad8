import type { MessageKey } from './messages';

/**
 * An error the platform can show to a person. `code` is stable (callers and tests switch on it) and is also the
 * message key, so every error exists in each language; `params` fill the message's placeholders. `status` is the
 * HTTP status to answer with.
 */
export class MenhuError extends Error {
  readonly code: MessageKey;
  readonly status: number;
  readonly params: Readonly<Record<string, string | number>> | undefined;
  constructor(
    code: MessageKey,
    status: number,
    options: { cause?: unknown; params?: Readonly<Record<string, string | number>> } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'MenhuError';
    this.code = code;
    this.status = status;
    this.params = options.params;
  }
}
