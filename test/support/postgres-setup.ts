import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The tests' PostgreSQL server (see startTestPostgres); each test makes its own database. */
    postgresUrl: string;
  }
}

/** Once per `vitest run`: find or start the PostgreSQL every test file shares. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestPostgres();
  process.stderr.write(`tests use PostgreSQL from: ${server.source}\n`);
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
