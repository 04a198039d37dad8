/**
 * What a revocation check resolves with. There is only the good case: a revoked certificate is
 * PkiError('ERR_PKI_REVOKED') and no trustworthy answer is PkiError('ERR_PKI_REVOCATION_UNAVAILABLE'), so a
 * caller cannot mistake a failed check for a passed one.
 */
export interface RevocationOk {
  readonly status: 'good';
  /** Which mechanism gave the answer. */
  readonly source: 'ocsp' | 'crl';
  /** The answer came from the RevocationCache (and was verified again when read). */
  readonly fromCache: boolean;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
  /** The responder or distribution point asked, when one was. */
  readonly url?: string;
}
