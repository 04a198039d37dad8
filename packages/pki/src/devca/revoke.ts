/**
 * `revoke(dir, serial, reason)`: records a revocation in the state file. A running responder re-reads the state
 * on every request, so the next OCSP answer and the next CRL show it.
 *
 * @example
 *   await revoke('./data/devca', '480DB2E25A416A0407F9617263B01FF2', 'keyCompromise');
 */
import { systemClock, type Clock } from '../ports';
import { wholeSeconds } from './certify';
import { DevCaError } from './errors';
import type { CaId } from './profile';
import { isRevocationReason, normaliseSerial, REVOCATION_REASONS, updateState, type CertificateRole, type RevocationReason } from './store';

export interface Revocation {
  readonly serial: string;
  readonly issuer: CaId;
  readonly role: CertificateRole;
  readonly subject: string;
  readonly revokedAt: Date;
  readonly reason: RevocationReason;
}

export async function revoke(dir: string, serial: string, reason: RevocationReason = 'unspecified', options: { readonly clock?: Clock } = {}): Promise<Revocation> {
  if (!isRevocationReason(reason)) {
    throw new DevCaError('ERR_DEVCA_BAD_OPTION', `"${String(reason)}" is not a revocation reason; use one of ${Object.keys(REVOCATION_REASONS).join(', ')}`);
  }
  const wanted = normaliseSerial(serial);
  const at = wholeSeconds((options.clock ?? systemClock).now());
  return updateState(dir, (state) => {
    const record = state.certificates.find((c) => c.serial === wanted);
    if (!record) throw new DevCaError('ERR_DEVCA_UNKNOWN_SERIAL', `this CA issued no certificate with serial ${wanted}`);
    // The root is a trust anchor: nothing above it can say it is revoked (remove it from TRUST_ANCHORS instead).
    if (record.role === 'root') throw new DevCaError('ERR_DEVCA_BAD_OPTION', 'the root cannot be revoked; remove it from TRUST_ANCHORS instead');
    if (record.revocation) {
      throw new DevCaError('ERR_DEVCA_ALREADY_REVOKED', `certificate ${wanted} was revoked already at ${record.revocation.at} (${record.revocation.reason})`);
    }
    record.revocation = { at: at.toISOString(), reason };
    return { serial: wanted, issuer: record.issuer, role: record.role, subject: record.subject, revokedAt: at, reason };
  });
}
