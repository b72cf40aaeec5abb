// vitest configuration for the kit's own tests (`make test`).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The end-to-end tests start whole conformance runs; two at a time is what 2 cores carry.
    maxWorkers: 2,
  },
});
