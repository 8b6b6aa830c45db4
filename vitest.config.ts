import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Finds the tests' PostgreSQL, or starts a throw-away one (test/support/postgres.ts).
    globalSetup: ['test/support/postgres-setup.ts'],
    // End-to-end tests start the built bot and fake platform servers; give them room on 2 cores.
    testTimeout: 20_000,
    // Room for starting an embedded PostgreSQL on a machine without one.
    hookTimeout: 60_000,
  },
});
