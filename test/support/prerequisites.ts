// What some suites need from the machine (a Chromium, root's tmpfs mounts, chattr). Where one is
// missing, its tests skip — except under CI=true or POMELO_REQUIRE_ALL=1, where the missing
// prerequisite fails the run with a message naming it (global-setup.ts checks them all first; each
// suite checks again). test/support/skip-reporter.ts prints, at the end, what was skipped and why.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const requireAll = process.env.CI === 'true' || process.env.POMELO_REQUIRE_ALL === '1';

/** The Chromium the browser suites drive; POMELO_CHROMIUM points elsewhere. */
export const chromiumPath = process.env.POMELO_CHROMIUM || '/usr/bin/chromium';

/** Root with CAP_SYS_ADMIN can mount a size-limited tmpfs (a real disk that fills up). */
function canMountTmpfs(): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The immutable attribute refuses writes even to root and to descriptors already open. */
function canMakeImmutable(): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomelo-chattr-probe-'));
  const file = path.join(dir, 'probe');
  const fd = fs.openSync(file, 'a');
  let refused = false;
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
    try {
      fs.writeSync(fd, 'x');
    } catch {
      refused = true;
    }
    execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
  } catch {
    refused = false;
  } finally {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return refused;
}

export interface Prerequisite {
  name: string;
  /** What to do about it. */
  how: string;
  check(): boolean;
}

export const prerequisites = {
  chromium: {
    name: `Chromium at ${chromiumPath}`,
    how: 'install the chromium package (.ci/run does) or set POMELO_CHROMIUM to its path',
    check: () => fs.existsSync(chromiumPath),
  },
  tmpfs: {
    name: 'mounting a tmpfs (disk-full faults)',
    how: 'run the tests as root with CAP_SYS_ADMIN (mount -t tmpfs)',
    check: canMountTmpfs,
  },
  chattr: {
    name: 'chattr +i (read-only storage faults)',
    how: 'run the tests as root on a file system with the immutable attribute (e2fsprogs chattr)',
    check: canMakeImmutable,
  },
} satisfies Record<string, Prerequisite>;

export class MissingPrerequisiteError extends Error {}

export const missingMessage = (p: Prerequisite) =>
  `missing prerequisite: ${p.name} — ${p.how} (CI=true or POMELO_REQUIRE_ALL=1: a missing prerequisite fails the run instead of skipping tests)`;

const seen = new Map<Prerequisite, boolean>();

/**
 * True when the prerequisite is there. Missing: false (the suite skips, the skip report names it),
 * or, under CI=true / POMELO_REQUIRE_ALL=1, an error that fails the run.
 */
export function available(p: Prerequisite): boolean {
  let ok = seen.get(p);
  if (ok === undefined) seen.set(p, (ok = p.check()));
  if (!ok && requireAll) throw new MissingPrerequisiteError(missingMessage(p));
  return ok;
}
