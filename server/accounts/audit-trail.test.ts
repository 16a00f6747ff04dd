import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { checkpointLine, signCheckpoint } from './audit-checkpoint.js';
import {
  AuditKeyError,
  auditCheckpointFile,
  auditKeyFile,
  loadAuditKey,
  readCheckpoints,
} from './audit-trail.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-trail-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('audit key', () => {
  test('POMELO_AUDIT_KEY wins; no file is written', () => {
    const dataDir = tmp();
    const key = randomBytes(32);
    expect(loadAuditKey({ auditKey: key, dataDir })).toBe(key);
    expect(fs.existsSync(auditKeyFile(dataDir))).toBe(false);
  });

  test('the key file is created once, mode 0600, and read back the same', () => {
    const dataDir = path.join(tmp(), 'nested');
    const first = loadAuditKey({ auditKey: undefined, dataDir });
    expect(first).toHaveLength(32);
    expect(fs.statSync(auditKeyFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(loadAuditKey({ auditKey: undefined, dataDir }).equals(first)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual(['audit.key']); // no temporary file left
  });

  test('a damaged key file is refused, never replaced', () => {
    const dataDir = tmp();
    fs.writeFileSync(auditKeyFile(dataDir), 'not a key\n');
    expect(() => loadAuditKey({ auditKey: undefined, dataDir })).toThrow(AuditKeyError);
    expect(fs.readFileSync(auditKeyFile(dataDir), 'utf8')).toBe('not a key\n');
  });
});

describe('checkpoint file', () => {
  test('the tail read finds the latest checkpoint of a long file; the full read lists bad lines', () => {
    const dataDir = tmp();
    const key = randomBytes(32);
    const trail = { key, checkpointFile: auditCheckpointFile(dataDir) };
    const lines: string[] = ['garbage\n'];
    for (let i = 1; i <= 1000; i++)
      lines.push(
        checkpointLine(
          signCheckpoint(key, { at: `t${i}`, rows: i, lastId: i, head: 'h'.repeat(64) }),
        ),
      );
    fs.writeFileSync(trail.checkpointFile, lines.join(''));
    expect(fs.statSync(trail.checkpointFile).size).toBeGreaterThan(64 * 1024);
    expect(readCheckpoints(trail, true).latest?.lastId).toBe(1000);
    const full = readCheckpoints(trail);
    expect(full.latest?.lastId).toBe(1000);
    expect(full.invalidLines).toEqual([1]);
    expect(readCheckpoints({ key, checkpointFile: path.join(dataDir, 'none') })).toEqual({
      latest: undefined,
      invalidLines: [],
    });
  });
});
