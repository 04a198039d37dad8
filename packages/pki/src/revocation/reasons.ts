/** CRLReason codes (RFC 5280 §5.3.1), shared by OCSP RevokedInfo (RFC 6960 §4.2.1) and CRL entries; for details only. */
export const CRL_REASONS: Record<number, string> = {
  0: 'unspecified',
  1: 'keyCompromise',
  2: 'cACompromise',
  3: 'affiliationChanged',
  4: 'superseded',
  5: 'cessationOfOperation',
  6: 'certificateHold',
  8: 'removeFromCRL',
  9: 'privilegeWithdrawn',
  10: 'aACompromise',
};

export function reasonName(code: number): string {
  return CRL_REASONS[code] ?? `reason ${code}`;
}
