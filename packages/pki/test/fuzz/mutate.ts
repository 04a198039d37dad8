/**
 * Mutations for fuzzing DER and CMS inputs: small, structure-aware damage (flipped bits, changed length bytes,
 * truncation, duplicated or removed runs, tag swaps) drawn from a seeded generator, so a failing case can be
 * replayed from its seed.
 */

/** xorshift32: tiny, seedable, good enough to pick mutations. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const int = (r: () => number, n: number) => Math.floor(r() * n);

/** DER tags that appear in certificates and CMS, to swap one for another. */
const TAGS = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x17, 0x18, 0x1e, 0x30, 0x31, 0xa0, 0xa1, 0xa3, 0x80, 0x81];

export function mutate(input: Uint8Array, r: () => number): Uint8Array {
  const out = Array.from(input);
  const rounds = 1 + int(r, 4);
  for (let i = 0; i < rounds && out.length > 0; i++) {
    const at = int(r, out.length);
    switch (int(r, 9)) {
      case 0: // flip one bit
        out[at] = out[at]! ^ (1 << int(r, 8));
        break;
      case 1: // a random byte
        out[at] = int(r, 256);
        break;
      case 2: // damage what is likely a length byte (the one after a tag)
        if (TAGS.includes(out[at]!) && at + 1 < out.length) out[at + 1] = [0x00, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xff][int(r, 7)]!;
        else out[at] = 0x84;
        break;
      case 3: // swap a tag
        out[at] = TAGS[int(r, TAGS.length)]!;
        break;
      case 4: // truncate
        out.length = at;
        break;
      case 5: // delete a run
        out.splice(at, 1 + int(r, 16));
        break;
      case 6: // duplicate a run
        out.splice(at, 0, ...out.slice(at, at + 1 + int(r, 32)));
        break;
      case 7: // insert random bytes
        out.splice(at, 0, ...Array.from({ length: 1 + int(r, 8) }, () => int(r, 256)));
        break;
      default: // a huge length claim: indefinite or 4-byte length
        out.splice(at, 0, 0x30, 0x84, 0x7f, 0xff, 0xff, 0xff);
    }
  }
  return new Uint8Array(out);
}
