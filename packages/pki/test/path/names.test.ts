/** Issuer/subject name matching (RFC 5280 §7.1) and the readable rendering used in messages. */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { nameToString, namesMatch, prepareString } from '../../src/path';

type Value = asn1js.PrintableString | asn1js.Utf8String | asn1js.BmpString | asn1js.IA5String;
const P = (v: string) => new asn1js.PrintableString({ value: v });
const U = (v: string) => new asn1js.Utf8String({ value: v });
const B = (v: string) => new asn1js.BmpString({ value: v });

/** A Name from RDNs, each a list of [type, value]; parsed back from DER as a certificate's name would be. */
function name(...rdns: [string, Value][][]): pkijs.RelativeDistinguishedNames {
  const seq = new asn1js.Sequence({
    value: rdns.map(
      (rdn) => new asn1js.Set({ value: rdn.map(([type, value]) => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: type }), value] })) }),
    ),
  });
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(seq.toBER(false)).result });
}

const C = '2.5.4.6';
const O = '2.5.4.10';
const OU = '2.5.4.11';
const CN = '2.5.4.3';
const moica = () => name([[C, P('TW')]], [[O, U('行政院')]], [[OU, U('內政部憑證管理中心')]]);

describe('namesMatch', () => {
  it('matches byte-identical names (MOICA G2 and G3 share one)', () => {
    expect(namesMatch(moica(), moica())).toBe(true);
  });

  it('ignores case and extra spaces, and PrintableString versus UTF8String or BMPString', () => {
    expect(namesMatch(name([[C, P('TW')]], [[CN, P('Test  Root ')]]), name([[C, P('tw')]], [[CN, U('test root')]]))).toBe(true);
    expect(namesMatch(name([[O, U('行政院')]]), name([[O, B('行政院')]]))).toBe(true);
  });

  it('keeps characters exact otherwise: no transliteration, no dropped RDNs, no reordering of RDNs', () => {
    expect(namesMatch(name([[O, U('行政院')]]), name([[O, U('行政部')]]))).toBe(false);
    expect(namesMatch(moica(), name([[C, P('TW')]], [[O, U('行政院')]]))).toBe(false);
    expect(namesMatch(name([[C, P('TW')]], [[O, U('A')]]), name([[O, U('A')]], [[C, P('TW')]]))).toBe(false);
    expect(namesMatch(name([[O, U('A')]]), name([[OU, U('A')]]))).toBe(false);
  });

  it('treats a multi-valued RDN as a set', () => {
    expect(namesMatch(name([[O, U('A')], [OU, U('B')]]), name([[OU, U('b')], [O, U('a')]]))).toBe(true);
    expect(namesMatch(name([[O, U('A')], [OU, U('B')]]), name([[O, U('A')]], [[OU, U('B')]]))).toBe(false);
  });

  it('prepares strings as RFC 4518 does in brief (NFKC, case, spaces)', () => {
    expect(prepareString('  ＴＷ  Gov ')).toBe('tw gov');
  });
});

describe('nameToString', () => {
  it('renders names with their characters exact', () => {
    expect(nameToString(moica())).toBe('C=TW, O=行政院, OU=內政部憑證管理中心');
    expect(nameToString(name([[O, U('A')], [OU, U('B')]]))).toBe('O=A+OU=B');
  });
});
