import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // one fast-check seed for reproducible properties (test/support/fastCheckSeed.ts)
    setupFiles: ['test/support/fastCheckSeed.ts'],
  },
});
