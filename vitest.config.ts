import { defineConfig } from 'vitest/config';

// One run covers every package. Browser and CLI suites start real processes, so files run one or two at a
// time on the 2-core CI machine; each suite gives its servers their own free ports and data folders.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'packages/*/test/**/*.test.{ts,tsx}'],
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
