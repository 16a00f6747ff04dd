// `pomelo user add|reset-password|reset-second-factor` and `pomelo audit verify|export`: headless account admin.
// Passwords come from stdin only, never from argv (argv is visible to every local user via ps).
import { parseArgs } from 'node:util';
import { auditTrailOf, describeTrail, trailIntact, verifyTrail } from '../accounts/audit-trail.js';
import { auditCsv } from '../accounts/audit.js';
import { resetSecondFactor } from '../accounts/second-factor.js';
import {
  createUser,
  grantInstanceAdmin,
  joinOrg,
  normaliseEmail,
  setPassword,
} from '../accounts/users.js';
import { ApiError } from '../http/errors.js';
import { roles, type Role } from '../store/accounts.js';
import type { Store } from '../store/types.js';
import { CliError } from './sites.js';

/** Reads the password piped on stdin (first line). */
export async function readPasswordFromStdin(
  stdin: NodeJS.ReadStream = process.stdin,
): Promise<string> {
  if (stdin.isTTY)
    throw new CliError(
      'pipe the password on stdin, e.g. `printf %s "$PW" | npm run pomelo -- user add …`',
    );
  let text = '';
  for await (const chunk of stdin) text += chunk;
  return text.split(/\r?\n/)[0] ?? '';
}

const asCli = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApiError) throw new CliError(err.message);
    throw err;
  }
};

export async function userCommand(
  store: Store,
  args: string[],
  out: (line: string) => void,
  readPassword: () => Promise<string> = () => readPasswordFromStdin(),
): Promise<void> {
  const [verb, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      'instance-admin': { type: 'boolean' },
    },
  });
  const email = positionals[0] ? normaliseEmail(positionals[0]) : undefined;
  const now = Date.now();
  switch (verb) {
    case 'add': {
      const role = (values.role ?? 'owner') as Role;
      const admin = values['instance-admin'] === true;
      if (!email || (!values.org && !admin) || !roles.includes(role)) {
        throw new CliError(
          'usage: user add <email> [--org <name>] [--role owner|admin|viewer] [--instance-admin] [--password-stdin]\n' +
            '  (--org, --instance-admin or both; --instance-admin alone on an existing account only grants the flag)',
        );
      }
      let user = await store.accounts.userByEmail(email);
      const firstUser = (await store.accounts.countUsers()) === 0;
      if (!user)
        user = await asCli(async () => createUser(store, email, await readPassword(), now));
      // The first account is an instance administrator, as with the setup link.
      if (admin || firstUser) {
        await grantInstanceAdmin(store, now, 'cli', user, 'cli');
        out(`${email} is an instance administrator (may create organisations)`);
      }
      if (values.org) {
        const orgId = await joinOrg(store, now, 'cli', values.org, user, role);
        if (firstUser) await store.accounts.adoptOrphanSites(orgId);
        out(`${email} is ${role} of ${values.org}`);
      }
      return;
    }
    case 'reset-password': {
      const user = email ? await store.accounts.userByEmail(email) : undefined;
      if (!user)
        throw new CliError(
          'usage: user reset-password <email> (an existing account), password on stdin',
        );
      await asCli(async () =>
        setPassword(store, now, 'cli', user, await readPassword(), 'password.reset'),
      );
      out(`password of ${user.email} reset; every session of it has ended`);
      return;
    }
    case 'reset-second-factor': {
      const user = email ? await store.accounts.userByEmail(email) : undefined;
      if (!user) {
        throw new CliError('usage: user reset-second-factor <email> (an existing account)');
      }
      await resetSecondFactor(store, now, 'cli', user);
      out(
        `second factor of ${user.email} removed (app, passkeys, recovery codes); every session of it has ended`,
      );
      return;
    }
    default:
      throw new CliError('usage: user add|reset-password|reset-second-factor …');
  }
}

export async function auditCommand(
  store: Store,
  args: string[],
  out: (line: string) => void,
): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'verify') {
    const report = verifyTrail(await store.accounts.auditRows(), auditTrailOf(store));
    for (const line of describeTrail(report)) out(line);
    const cp = report.checkpoint;
    out(
      `${report.rows} rows, ${trailIntact(report) ? 'chain intact' : 'NOT intact'}; head ${report.head}; ` +
        (cp ? `latest checkpoint: row ${cp.lastId} of ${cp.at}` : 'no checkpoint yet'),
    );
    return trailIntact(report) ? 0 : 1;
  }
  if (verb === 'export') {
    const { values } = parseArgs({ args: rest, options: { format: { type: 'string' } } });
    const rows = await store.accounts.auditRows();
    out(values.format === 'json' ? JSON.stringify(rows, null, 2) : auditCsv(rows).trimEnd());
    return 0;
  }
  throw new CliError('usage: audit verify | audit export [--format csv|json]');
}
