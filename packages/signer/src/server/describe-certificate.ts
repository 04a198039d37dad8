/**
 * What /pkcs11info?withcert=true says about a certificate (HIPKI.md): base64 DER, usage, serial, names,
 * validity, the last four ID digits. Read with packages/pki's parsers, so names keep their exact characters.
 */
import { cardIdentity, nameToString, parseCertificate, pathCertificate } from '@menhu/pki';
import type { TokenCertificate } from '../token/types';
import type { CertEntry } from './answers';

export interface DescribedCertificate {
  readonly entry: CertEntry;
  readonly publicKeyInfo: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** digitalSignature (or nonRepudiation) set, or no keyUsage at all. */
  readonly forSigning: boolean;
}

export function describeCertificate(cert: TokenCertificate): DescribedCertificate {
  const parsed = parseCertificate(cert.der, `token certificate ${cert.label}`);
  const info = pathCertificate(parsed, 'token');
  const usage = info.extensions.keyUsage;
  const signing = usage === undefined || usage.has('digitalSignature') || usage.has('nonRepudiation');
  const encryption = usage !== undefined && (usage.has('keyEncipherment') || usage.has('dataEncipherment'));
  let identity: ReturnType<typeof cardIdentity> | undefined;
  try {
    identity = cardIdentity(parsed);
  } catch {
    identity = undefined; // not a card profile: the fields stay empty
  }
  const notBefore = parsed.notBefore.value;
  const notAfter = parsed.notAfter.value;
  return {
    entry: {
      certb64: Buffer.from(cert.der).toString('base64'),
      label: cert.label,
      usage: signing ? 'digitalSignature' : encryption ? 'keyEncipherment|dataEncipherment' : '',
      sn: Buffer.from(parsed.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase().replace(/^0+(?=.)/, ''),
      subjectDN: nameToString(parsed.subject),
      issuerDN: nameToString(parsed.issuer),
      subjectID: identity?.idLastFour ?? '',
      notBeforeT: isoSeconds(notBefore),
      notAfterT: isoSeconds(notAfter),
      holderRank: '',
      email: '',
      id: cert.id,
    },
    publicKeyInfo: info.publicKeyInfo,
    notBefore,
    notAfter,
    forSigning: signing,
  };
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
