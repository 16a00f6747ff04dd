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
import { cliText, type CliText } from './text.js';

/** Reads the password piped on stdin (first line). */
export async function readPasswordFromStdin(
  stdin: NodeJS.ReadStream = process.stdin,
  t: CliText = cliText('en'),
): Promise<string> {
  if (stdin.isTTY) throw new CliError(t('pipePassword'));
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
  summary: 'userAddSummary',
  args: 'argsEmail',
  positionals: 1,
  options: {
    org: { type: 'string', value: 'valueName', description: 'optUserOrg' },
    'instance-admin': { type: 'boolean', description: 'optInstanceAdmin' },
    role: { type: 'string', choices: ['owner', 'admin', 'viewer'], description: 'optRole' },
    'password-stdin': { type: 'boolean', description: 'optPasswordStdin' },
  },
  store: 'write',
  details: 'userAddDetails',
  async run({ store, options, args, out, t, readPassword }) {
    const password = readPassword ?? (() => readPasswordFromStdin(process.stdin, t));
    const email = parse(emailAddress, args[0], t('fieldEmail'));
    const admin = options['instance-admin'] === true;
    if (options.org === undefined && !admin) throw new CliError(t('orgRequired'));
    const org = options.org === undefined ? undefined : parse(orgName, options.org, '--org');
    const role = parse(memberRole, options.role ?? 'owner', '--role');
    const now = Date.now();
    let user = await store.accounts.userByEmail(email);
    const firstUser = (await store.accounts.countUsers()) === 0;
    if (!user) user = await asCli(async () => createUser(store, email, await password(), now));
    // The first account is an instance administrator, as with the setup link.
    if (admin || firstUser) {
      await grantInstanceAdmin(store, now, 'cli', user, 'cli');
      out(t('isInstanceAdmin', { email }));
    }
    if (org !== undefined) {
      const orgId = await joinOrg(store, now, 'cli', org, user, role);
      if (firstUser) await store.accounts.adoptOrphanSites(orgId);
      out(t('isMemberOf', { email, role, org }));
    }
  },
});

export const userResetPassword = command({
  name: 'user reset-password',
  summary: 'userResetPasswordSummary',
  args: 'argsEmail',
  positionals: 1,
  store: 'write',
  async run({ store, args, out, t }) {
    const email = parse(emailAddress, args[0], t('fieldEmail'));
    const user = await store.accounts.userByEmail(email);
    if (!user) throw new CliError(t('noAccount', { email }));
    const password = await readPasswordFromStdin(process.stdin, t);
    await asCli(async () =>
      setPassword(store, Date.now(), 'cli', user, password, 'password.reset'),
    );
    out(t('passwordReset', { email: user.email }));
  },
});

export const userResetSecondFactor = command({
  name: 'user reset-second-factor',
  summary: 'userResetSecondFactorSummary',
  args: 'argsEmail',
  positionals: 1,
  store: 'write',
  async run({ store, args, out, t }) {
    const email = parse(emailAddress, args[0], t('fieldEmail'));
    const user = await store.accounts.userByEmail(email);
    if (!user) throw new CliError(t('noAccount', { email }));
    await resetSecondFactor(store, Date.now(), 'cli', user);
    out(t('secondFactorRemoved', { email: user.email }));
  },
});

export const auditVerify = command({
  name: 'audit verify',
  summary: 'auditVerifySummary',
  store: 'read',
  async run({ store, out, t }) {
    const report = verifyTrail(await store.accounts.auditRows(), auditTrailOf(store));
    for (const line of describeTrail(report)) out(line);
    const cp = report.checkpoint;
    out(
      t('auditVerified', {
        rowCount: report.rows,
        rows: String(report.rows),
        intact: trailIntact(report) ? 'yes' : 'no',
        head: report.head,
        checkpoint: cp
          ? t('latestCheckpoint', { row: String(cp.lastId), at: cp.at })
          : t('noCheckpoint'),
      }),
    );
    return trailIntact(report) ? 0 : 1;
  },
});

export const auditExport = command({
  name: 'audit export',
  summary: 'auditExportSummary',
  options: {
    format: { type: 'string', choices: ['csv', 'json'], description: 'optFormat' },
  },
  store: 'read',
  async run({ store, options, out, t }) {
    const format = parse(
      v.picklist(['csv', 'json'], t('formatChoices')),
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
