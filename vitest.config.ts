import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (`*.test.ts`); cross-process suites (kubectl against
// `ordinal cluster`) are `*.acceptance.test.ts` and run in the same vitest invocation.
export default defineConfig({
  test: {
    include: ['{src,server,cluster,bin,scripts,bench}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'dist/**', 'e2e/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
