// `pomelo user add|reset-password` and `pomelo audit verify|export`: headless account admin.
// Passwords come from stdin only, never from argv (argv is visible to every local user via ps).
// E-mail and role go through the HTTP API's schemas (accounts/user-input.ts).
import * as v from 'valibot';
import { auditTrailOf, describeTrail, trailIntact, verifyTrail } from '../accounts/audit-trail.js';
import { auditCsv } from '../accounts/audit.js';
import { emailAddress, memberRole, orgName } from '../accounts/user-input.js';
import { resetSecondFactor } from '../accounts/second-factor.js';
import { createUser, grantInstanceAdmin, joinOrg, setPassword } from '../accounts/users.js';
import { ApiError } from '../http/errors.js';
import { command, CliError, issueLine } from './command.js';

/** Reads the password piped on stdin (first line). */
export async function readPasswordFromStdin(
  stdin: NodeJS.ReadStream = process.stdin,
): Promise<string> {
  if (stdin.isTTY)
    throw new CliError('pipe the password on stdin, e.g. `printf %s "$PW" | pomelo user add …`');
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

function parse<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  name: string,
): v.InferOutput<S> {
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) throw new CliError(issueLine(parsed.issues, { '': name }));
  return parsed.output;
}

export const userAdd = command({
  name: 'user add',
  summary: 'create an account (password on stdin) or add an existing one to an organisation',
  args: '<email>',
  positionals: 1,
  options: {
    org: {
      type: 'string',
      value: 'name',
      description: 'organisation (created if new); required unless --instance-admin',
    },
    'instance-admin': {
      type: 'boolean',
      description:
        'make the account an instance administrator (may create organisations); on an existing account without --org it only grants this',
    },
    role: {
      type: 'string',
      value: 'owner|admin|viewer',
      description: 'role in it (default owner)',
    },
    'password-stdin': { type: 'boolean', description: 'read the password from stdin (always so)' },
  },
  store: 'write',
  details: 'The password is read from stdin, never from the command line.',
  async run({ store, options, args, out, readPassword = () => readPasswordFromStdin() }) {
    const email = parse(emailAddress, args[0], 'email');
    const admin = options['instance-admin'] === true;
    if (options.org === undefined && !admin) {
      throw new CliError('--org: required (the organisation name), unless --instance-admin');
    }
    const org = options.org === undefined ? undefined : parse(orgName, options.org, '--org');
    const role = parse(memberRole, options.role ?? 'owner', '--role');
    const now = Date.now();
    let user = await store.accounts.userByEmail(email);
    const firstUser = (await store.accounts.countUsers()) === 0;
    if (!user) user = await asCli(async () => createUser(store, email, await readPassword(), now));
    // The first account is an instance administrator, as with the setup link.
    if (admin || firstUser) {
      await grantInstanceAdmin(store, now, 'cli', user, 'cli');
      out(`${email} is an instance administrator (may create organisations)`);
    }
    if (org !== undefined) {
      const orgId = await joinOrg(store, now, 'cli', org, user, role);
      if (firstUser) await store.accounts.adoptOrphanSites(orgId);
      out(`${email} is ${role} of ${org}`);
    }
  },
});

export const userResetPassword = command({
  name: 'user reset-password',
  summary: "set an account's new password (on stdin) and end all of its sessions",
  args: '<email>',
  positionals: 1,
  store: 'write',
  async run({ store, args, out }) {
    const email = parse(emailAddress, args[0], 'email');
    const user = await store.accounts.userByEmail(email);
    if (!user) throw new CliError(`no account ${email}`);
    await asCli(async () =>
      setPassword(store, Date.now(), 'cli', user, await readPasswordFromStdin(), 'password.reset'),
    );
    out(`password of ${user.email} reset; every session of it has ended`);
  },
});

export const userResetSecondFactor = command({
  name: 'user reset-second-factor',
  summary: "remove an account's second factor (app, passkeys, recovery codes) and end its sessions",
  args: '<email>',
  positionals: 1,
  store: 'write',
  async run({ store, args, out }) {
    const email = parse(emailAddress, args[0], 'email');
    const user = await store.accounts.userByEmail(email);
    if (!user) throw new CliError(`no account ${email}`);
    await resetSecondFactor(store, Date.now(), 'cli', user);
    out(
      `second factor of ${user.email} removed (app, passkeys, recovery codes); every session of it has ended`,
    );
  },
});

export const auditVerify = command({
  name: 'audit verify',
  summary:
    "check the audit log's keyed hash chain against the latest checkpoint (exit 1 on a break)",
  store: 'read',
  async run({ store, out }) {
    const report = verifyTrail(await store.accounts.auditRows(), auditTrailOf(store));
    for (const line of describeTrail(report)) out(line);
    const cp = report.checkpoint;
    out(
      `${report.rows} rows, ${trailIntact(report) ? 'chain intact' : 'NOT intact'}; head ${report.head}; ` +
        (cp ? `latest checkpoint: row ${cp.lastId} of ${cp.at}` : 'no checkpoint yet'),
    );
    return trailIntact(report) ? 0 : 1;
  },
});

export const auditExport = command({
  name: 'audit export',
  summary: 'print the audit log as CSV or JSON',
  options: {
    format: { type: 'string', value: 'csv|json', description: 'output format (default csv)' },
  },
  store: 'read',
  async run({ store, options, out }) {
    const format = parse(
      v.picklist(['csv', 'json'], 'csv or json'),
      options.format ?? 'csv',
      '--format',
    );
    const rows = await store.accounts.auditRows();
    out(format === 'json' ? JSON.stringify(rows, null, 2) : auditCsv(rows).trimEnd());
  },
});

export const userCommands = [
  userAdd,
  userResetPassword,
  userResetSecondFactor,
  auditVerify,
  auditExport,
];
