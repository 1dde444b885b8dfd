// Setup file of the integration-pg project: the same suites, with every app server's database on the private PostgreSQL.
import { inject } from 'vitest';
import { setTestPostgres } from '../support/testDatabase';

setTestPostgres(inject('postgresUrl'));
