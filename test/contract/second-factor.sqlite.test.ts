// The SecondFactorRepo contract over a fresh SQLite file per test.
import fs from 'node:fs';
import path from 'node:path';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { freshDataDir } from '../support/server.js';
import { secondFactorContract } from './second-factor-contract.js';

secondFactorContract('sqlite', async () => {
  const dir = freshDataDir('pomelo-contract-');
  const store = openSqliteStore(path.join(dir, 'pomelo.db'));
  return {
    store,
    async cleanup() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
