// `pomelo replay kill --all | --site <domain>`: the kill switch from a shell (issue 6 §6). Closes
// every window of the install or of one site and purges their recordings; running recorders get
// 410 at their next flush, other nodes stop offering within their refresh interval. The kill
// latches (issue 12 §10): `pomelo replay unlatch … --note <text>` lets windows open again.
import { recordAudit } from '../accounts/audit.js';
import { createLogger } from '../log.js';
import { defaultReplayOptions, type ReplayDeps } from '../replay/deps.js';
import { WindowKeys } from '../replay/keyring.js';
import { ReplayOffers } from '../replay/offer.js';
import { clearLatch } from '../replay/latches.js';
import { readReason } from '../replay/safeguards.js';
import type { Config } from '../config.js';
import { killSwitch } from '../replay/windows.js';
import type { Store } from '../store/types.js';
import { CliError } from './sites.js';

export const replayUsage =
  'replay kill --all | --site <domain>; replay unlatch --all | --site <domain> --note <text>';

export async function replayCommand(
  store: Store,
  args: string[],
  out: (line: string) => void,
  config: Pick<Config, 'replayKeyDir' | 'replayKek'>,
): Promise<void> {
  const [sub, flag, value] = args;
  const scoped = flag === '--all' || (flag === '--site' && value);
  if ((sub !== 'kill' && sub !== 'unlatch') || !scoped) {
    throw new CliError(`usage: npm run pomelo -- ${replayUsage}`);
  }
  const now = () => Date.now();
  // The purge destroys each window's secret in the keyring as well as its key row.
  const keys = new WindowKeys(store, { dir: config.replayKeyDir, kek: config.replayKek, now });
  await keys.init();
  const deps: ReplayDeps = {
    keys,
    store,
    now,
    log: createLogger('warn', (line) => process.stderr.write(line)),
    offers: new ReplayOffers(store, { now, random: Math.random, refreshMs: 0 }),
    options: defaultReplayOptions,
  };
  const site = flag === '--site' ? await store.siteByDomain(value!.toLowerCase()) : undefined;
  if (flag === '--site' && !site) throw new CliError(`no site "${value}"`);
  if (sub === 'unlatch') {
    const rest = args.slice(flag === '--all' ? 2 : 3);
    const note = readReason('note', rest[0] === '--note' ? rest.slice(1).join(' ') : '');
    if (!note.ok) throw new CliError(`unlatch needs --note <text>: ${note.error.message}`);
    const scope = site ? { siteId: site.id, orgId: site.orgId ?? null } : ('all' as const);
    const cleared = await clearLatch(deps, scope, 'cli', note.reason);
    out(
      cleared
        ? `replay latch cleared ${site ? `on ${site.domain}` : 'for the install'}: windows can open again`
        : `no replay latch ${site ? `on ${site.domain}` : 'for the install'}`,
    );
    return;
  }
  const result = await killSwitch(deps, site ? { siteId: site.id } : 'all', 'cli');
  await recordAudit(store, now(), {
    actor: 'cli',
    action: 'replay.kill',
    target: site ? `site:${site.id}` : 'install',
    orgId: site?.orgId ?? null,
    details: { scope: site ? 'site' : 'all', windows: result.windows },
  });
  out(
    `replay kill switch: ${result.windows} window(s) closed and purged ${site ? `on ${site.domain}` : 'on every site'}`,
  );
}
