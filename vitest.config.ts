import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start the built bot and fake platform servers; give them room on 2 cores.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
