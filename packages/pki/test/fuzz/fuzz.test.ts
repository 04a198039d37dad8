import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCorpus, runCase, type Corpus } from './targets';
import { mutate, rng } from './mutate';

/** Cases per target in the test command; `npm run fuzz` runs far more (FUZZ_CASES). */
const CASES = Number(process.env.FUZZ_CASES_IN_TESTS ?? 1500);

let corpus: Corpus;
beforeAll(async () => void (corpus = await makeCorpus()), 60_000);
afterAll(() => corpus?.cleanup());

describe('fuzzing untrusted card-login input', () => {
  it('accepts every seed unmutated (so mutations start from inputs that reach deep)', async () => {
    for (const t of corpus.targets) expect(await runCase(t, t.seed), t.name).toBeUndefined();
  });

  it(`answers ${CASES} mutated inputs per target with success or a typed PkiError only`, async () => {
    const failures: string[] = [];
    for (const [i, target] of corpus.targets.entries()) {
      const random = rng(0x5eed + i);
      for (let n = 0; n < CASES; n++) {
        const problem = await runCase(target, mutate(target.seed, random));
        if (problem) failures.push(`case ${n}: ${problem}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  }, 240_000);
});
