// The SecondFactorRepo contract over a fresh PostgreSQL database per test.
import { describe } from 'vitest';
import { openPgStore } from '../../server/store/pg.js';
import { createPgDatabase, testsPostgres } from '../support/db.js';
import { secondFactorContract } from './second-factor-contract.js';

describe.runIf(testsPostgres())('postgres', () => {
  secondFactorContract('postgres', async () => {
    const database = await createPgDatabase();
    const store = openPgStore(database.url, { poolSize: 4 });
    return {
      store,
      async cleanup() {
        await store.close();
        await database.drop();
      },
    };
  });
});
