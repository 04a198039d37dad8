/**
 * /pkcs11info (and the popup's CheckEnvir / GetUserCert): readers, the card in each, and with `withcert` the
 * certificates. What an untrusted caller gets is deliberately less: the card serial is a stable identifier
 * of the person, so it is blanked, and certificates (names, last ID digits) are refused with SITE_NOT_TRUSTED.
 */
import { LAST_ERROR, RET } from '../codes';
import type { TokenProvider } from '../token/types';
import { codesOf, type InfoAnswer, type SlotEntry } from './answers';
import { describeCertificate } from './describe-certificate';

export interface Pkcs11InfoInput {
  readonly token: TokenProvider;
  readonly version: string;
  readonly withCert: boolean;
  /** The caller's origin is trusted (false also for a missing or malformed origin). */
  readonly trusted: boolean;
}

export async function pkcs11info({ token, version, withCert, trusted }: Pkcs11InfoInput): Promise<InfoAnswer> {
  const answer = (retCode: number, lastError: number, slots: readonly SlotEntry[]): InfoAnswer => ({
    func: 'pkcs11info',
    ret_code: retCode >>> 0,
    last_error: lastError >>> 0,
    serverVersion: version,
    slots,
  });
  let slots;
  try {
    slots = await token.slots();
  } catch (err) {
    const { retCode, lastError } = codesOf(err);
    return answer(retCode, lastError, []);
  }
  const showCerts = withCert && trusted;
  const entries: SlotEntry[] = slots.map((slot) => {
    if (!slot.token) return { slotDescription: slot.description, slotID: slot.slotId };
    const base = { serialNumber: trusted ? slot.token.serialNumber : '', label: slot.token.label };
    if (!showCerts) return { slotDescription: slot.description, slotID: slot.slotId, token: base };
    const described = slot.token.certificates.map((cert) => ({ cert, d: describeCertificate(cert) }));
    return {
      slotDescription: slot.description,
      slotID: slot.slotId,
      token: {
        ...base,
        certs: described.map(({ d }) => d.entry),
        keys: described.map(({ cert, d }) => ({ id: cert.id, keyb64: Buffer.from(d.publicKeyInfo).toString('base64') })),
      },
    };
  });
  if (withCert && !trusted) return answer(RET.SITE_NOT_TRUSTED, LAST_ERROR.NONE, entries);
  return answer(RET.OK, LAST_ERROR.NONE, entries);
}
