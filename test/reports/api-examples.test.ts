// Every request/response example of docs/API.md, run against the fixtures: the live answer must be
// exactly the documented one (on every backend).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testBackends } from '../support/db.js';
import { readApiExamples } from './examples.js';
import { addExampleGoals, loadFixtures, site } from './fixtures.js';
import { startReportsServer, type ReportsServer } from './support.js';

const examples = readApiExamples();

test('docs/API.md documents report routes and Stats API queries, answers and refusals', () => {
  expect(examples.filter((e) => e.method === 'GET').length).toBeGreaterThanOrEqual(4);
  expect(
    examples.filter((e) => e.method === 'POST' && e.status === 200).length,
  ).toBeGreaterThanOrEqual(5);
  expect(examples.filter((e) => e.status === 400).length).toBeGreaterThanOrEqual(2);
});

describe.each(testBackends())('docs/API.md examples on %s', (backend) => {
  let s: ReportsServer;
  beforeAll(async () => {
    s = await startReportsServer(backend, [site]);
    await loadFixtures(s);
    await addExampleGoals(s);
  });
  afterAll(() => s?.close());

  test.each(examples.map((e) => [`${e.title}: ${e.method} ${e.path}`, e] as const))(
    '%s',
    async (_name, e) => {
      const res = e.method === 'GET' ? await s.get(e.path) : await s.query(e.body);
      expect(res.status).toBe(e.status);
      expect(res.body).toEqual(e.response);
    },
  );
});
