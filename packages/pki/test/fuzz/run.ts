/**
 * `npm run fuzz`: the long fuzz run, outside the test command. FUZZ_CASES per target (default 100,000), from
 * FUZZ_SEED; prints every input that produced anything but success or a PkiError, as base64 to replay.
 */
import { makeCorpus, runCase } from './targets';
import { mutate, rng } from './mutate';

const cases = Number(process.env.FUZZ_CASES ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 0x7fffffff);
const corpus = await makeCorpus();
let failures = 0;
try {
  for (const [i, target] of corpus.targets.entries()) {
    const random = rng(seed + i);
    const started = Date.now();
    for (let n = 0; n < cases; n++) {
      const input = mutate(target.seed, random);
      const problem = await runCase(target, input);
      if (problem) {
        failures++;
        console.log(`FAIL ${problem}\n  input: ${Buffer.from(input).toString('base64')}`);
      }
    }
    console.log(`${target.name}: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed + i})`);
  }
} finally {
  corpus.cleanup();
}
console.log(failures === 0 ? `fuzz: ${cases * corpus.targets.length} cases, no untyped error` : `fuzz: ${failures} failures`);
process.exitCode = failures === 0 ? 0 : 1;
