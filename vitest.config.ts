import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Most test files wait more than they compute (subprocesses of the built CLI
// and of `aws`, local servers, timeouts), so more files run at once than there
// are cores: vitest's default (cores - 1) is one file at a time on a 2-core
// machine. `npx vitest run --maxWorkers N` overrides this.
const workers = Math.max(2, availableParallelism() * 2);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: workers,
  },
});
