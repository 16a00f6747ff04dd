// `pomelo replay kill --all | --site <domain>`: the kill switch from a shell (issue 6 §6). Closes
// every window of the install or of one site and purges their recordings; running recorders get
// 410 at their next flush, other nodes stop offering within their refresh interval. The kill
// latches (issue 12 §10): `pomelo replay unlatch … --note <text>` lets windows open again.
import { recordAudit } from '../accounts/audit.js';
import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import { defaultReplayOptions, type ReplayDeps } from '../replay/deps.js';
import { WindowKeys } from '../replay/keyring.js';
import { clearLatch } from '../replay/latches.js';
import { ReplayOffers } from '../replay/offer.js';
import { readReason } from '../replay/safeguards.js';
import { killSwitch } from '../replay/windows.js';
import type { Store } from '../store/types.js';
import { command, CliError } from './command.js';

const scopeOptions = {
  all: { type: 'boolean', description: 'every site of the install' },
  site: { type: 'string', value: 'domain', description: 'one site only' },
} as const;

/** The replay deps of a CLI run; the purge destroys each window's secret in the keyring too. */
async function cliReplayDeps(store: Store, config: Config): Promise<ReplayDeps> {
  const now = () => Date.now();
  const keys = new WindowKeys(store, { dir: config.replayKeyDir, kek: config.replayKek, now });
  await keys.init();
  return {
    keys,
    store,
    now,
    log: createLogger('warn', (line) => process.stderr.write(line)),
    offers: new ReplayOffers(store, { now, random: Math.random, refreshMs: 0 }),
    options: defaultReplayOptions,
  };
}

async function scopeSite(
  store: Store,
  options: Record<string, string | boolean | undefined>,
  usage: string,
) {
  const domain = options.site as string | undefined;
  if ((options.all === true) === (domain !== undefined)) {
    throw new CliError(`give either --all or --site <domain>: pomelo ${usage}`);
  }
  const site = domain !== undefined ? await store.siteByDomain(domain.toLowerCase()) : undefined;
  if (domain !== undefined && !site) throw new CliError(`no site "${domain}"`);
  return site;
}

export const replayKill = command({
  name: 'replay kill',
  summary: "close every replay window (or one site's), purge their recordings and latch",
  options: scopeOptions,
  store: 'write',
  async run({ store, config, options, out }) {
    const site = await scopeSite(store, options, 'replay kill --all | --site <domain>');
    const deps = await cliReplayDeps(store, config);
    const result = await killSwitch(deps, site ? { siteId: site.id } : 'all', 'cli');
    await recordAudit(store, deps.now(), {
      actor: 'cli',
      action: 'replay.kill',
      target: site ? `site:${site.id}` : 'install',
      orgId: site?.orgId ?? null,
      details: { scope: site ? 'site' : 'all', windows: result.windows },
    });
    out(
      `replay kill switch: ${result.windows} window(s) closed and purged ${site ? `on ${site.domain}` : 'on every site'}`,
    );
  },
});

export const replayUnlatch = command({
  name: 'replay unlatch',
  summary: 'clear the kill switch latch so that windows can open again (a note is required)',
  options: {
    ...scopeOptions,
    note: { type: 'string', value: 'text', description: 'why windows may open again (required)' },
  },
  store: 'write',
  async run({ store, config, options, out }) {
    const site = await scopeSite(
      store,
      options,
      'replay unlatch --all | --site <domain> --note <text>',
    );
    const note = readReason('note', (options.note as string | undefined) ?? '');
    if (!note.ok) throw new CliError(`unlatch needs --note <text>: ${note.error.message}`);
    const deps = await cliReplayDeps(store, config);
    const scope = site ? { siteId: site.id, orgId: site.orgId ?? null } : ('all' as const);
    const cleared = await clearLatch(deps, scope, 'cli', note.reason);
    out(
      cleared
        ? `replay latch cleared ${site ? `on ${site.domain}` : 'for the install'}: windows can open again`
        : `no replay latch ${site ? `on ${site.domain}` : 'for the install'}`,
    );
  },
});

export const replayCommands = [replayKill, replayUnlatch];
