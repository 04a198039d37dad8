/**
 * Distinguished-name comparison for chaining (RFC 5280 §7.1): an issuer name matches a subject name when the
 * two encodings are byte-identical or, failing that, when they have the same RDNs, each with the same
 * attributes, and the string values match after a simplified LDAP string preparation (RFC 4518): Unicode NFKC,
 * case folded, insignificant spaces dropped — across PrintableString, UTF8String, BMPString, UniversalString,
 * TeletexString and IA5String, so "TW" in a PrintableString equals "tw" in a UTF8String. Other value types
 * must be byte-equal.
 *
 * Names only *select* candidate issuers. Which issuer is trusted is decided by key identifiers and the
 * signature (build.ts, validate.ts): MOICA's generations share one byte-identical name.
 */
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';

const STRING_TYPES = [asn1js.PrintableString, asn1js.Utf8String, asn1js.BmpString, asn1js.UniversalString, asn1js.TeletexString, asn1js.IA5String];

/** Short names for messages and logs (RFC 4514 §3, plus the ones Taiwan's GPKI uses). */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

interface Attribute {
  readonly type: string;
  readonly value: asn1js.AsnType;
}

function nameDer(name: pkijs.RelativeDistinguishedNames): Uint8Array {
  if (name.valueBeforeDecode.byteLength > 0) return new Uint8Array(name.valueBeforeDecode);
  return new Uint8Array(name.toSchema().toBER(false));
}

/** The RDN sequence as a list of attribute sets; undefined when the encoding is not a Name. */
function rdns(der: Uint8Array): Attribute[][] | undefined {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset !== der.byteLength || !(parsed.result instanceof asn1js.Sequence)) return undefined;
  const out: Attribute[][] = [];
  for (const set of parsed.result.valueBlock.value) {
    if (!(set instanceof asn1js.Set) || set.valueBlock.value.length === 0) return undefined;
    const attrs: Attribute[] = [];
    for (const atv of set.valueBlock.value) {
      if (!(atv instanceof asn1js.Sequence) || atv.valueBlock.value.length !== 2) return undefined;
      const [type, value] = atv.valueBlock.value;
      if (!(type instanceof asn1js.ObjectIdentifier) || value === undefined) return undefined;
      attrs.push({ type: type.valueBlock.toString(), value });
    }
    out.push(attrs);
  }
  return out;
}

function stringValue(value: asn1js.AsnType): string | undefined {
  for (const T of STRING_TYPES) if (value instanceof T) return value.getValue();
  return undefined;
}

/** RFC 4518 in brief: NFKC, case fold, whitespace runs to one space, leading and trailing spaces dropped. */
export function prepareString(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function valuesMatch(a: asn1js.AsnType, b: asn1js.AsnType): boolean {
  const sa = stringValue(a);
  const sb = stringValue(b);
  if (sa !== undefined && sb !== undefined) return prepareString(sa) === prepareString(sb);
  return Buffer.from(a.toBER(false)).equals(Buffer.from(b.toBER(false)));
}

function rdnMatch(a: readonly Attribute[], b: readonly Attribute[]): boolean {
  if (a.length !== b.length) return false;
  // A multi-valued RDN is a SET: match each attribute to a distinct partner, in any order.
  const used = new Set<number>();
  for (const x of a) {
    const i = b.findIndex((y, j) => !used.has(j) && y.type === x.type && valuesMatch(x.value, y.value));
    if (i === -1) return false;
    used.add(i);
  }
  return true;
}

/** RFC 5280 §7.1 name matching, as described above. */
export function namesMatch(a: pkijs.RelativeDistinguishedNames, b: pkijs.RelativeDistinguishedNames): boolean {
  const da = nameDer(a);
  const db = nameDer(b);
  if (Buffer.from(da).equals(Buffer.from(db))) return true;
  const ra = rdns(da);
  const rb = rdns(db);
  if (!ra || !rb || ra.length !== rb.length) return false;
  return ra.every((rdn, i) => rdnMatch(rdn, rb[i] ?? []));
}

/** A readable rendering for messages: `C=TW, O=行政院, OU=內政部憑證管理中心` (characters kept exact). */
export function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  const parsed = rdns(nameDer(name));
  if (!parsed) return '(unreadable name)';
  return parsed
    .map((rdn) => rdn.map((atv) => `${SHORT_NAMES[atv.type] ?? atv.type}=${stringValue(atv.value) ?? '#' + Buffer.from(atv.value.toBER(false)).toString('hex')}`).join('+'))
    .join(', ');
}
