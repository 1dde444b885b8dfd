import type { TestProject } from 'vitest/node';
import { startTestPostgres } from '../support/postgresServer';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** One private PostgreSQL for the integration-pg project; every app server in it gets its own database there (onPostgres.ts). */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const server = await startTestPostgres();
  console.log(
    `integration-pg: PostgreSQL on 127.0.0.1:${server.port} (${server.dir}) up in ${Date.now() - started} ms`,
  );
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
