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
import type { CliText } from './text.js';

const scopeOptions = {
  all: { type: 'boolean', description: 'optAll' },
  site: { type: 'string', value: 'valueDomain', description: 'optSite' },
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
  t: CliText,
  usage: string,
) {
  const domain = options.site as string | undefined;
  if ((options.all === true) === (domain !== undefined)) {
    throw new CliError(t('giveScope', { domain: t('valueDomain'), usage }));
  }
  const site = domain !== undefined ? await store.siteByDomain(domain.toLowerCase()) : undefined;
  if (domain !== undefined && !site) throw new CliError(t('noSiteQuoted', { domain }));
  return site;
}

export const replayKill = command({
  name: 'replay kill',
  summary: 'replayKillSummary',
  options: scopeOptions,
  store: 'write',
  async run({ store, config, options, out, t }) {
    const site = await scopeSite(
      store,
      options,
      t,
      `replay kill --all | --site <${t('valueDomain')}>`,
    );
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
      site
        ? t('replayKilledSite', { windows: result.windows, site: site.domain })
        : t('replayKilledAll', { windows: result.windows }),
    );
  },
});

export const replayUnlatch = command({
  name: 'replay unlatch',
  summary: 'replayUnlatchSummary',
  options: {
    ...scopeOptions,
    note: { type: 'string', value: 'valueText', description: 'optNote' },
  },
  store: 'write',
  async run({ store, config, options, out, t }) {
    const site = await scopeSite(
      store,
      options,
      t,
      `replay unlatch --all | --site <${t('valueDomain')}> --note <${t('valueText')}>`,
    );
    const note = readReason('note', (options.note as string | undefined) ?? '');
    if (!note.ok) {
      throw new CliError(
        t('unlatchNeedsNote', { text: t('valueText'), reason: note.error.message }),
      );
    }
    const deps = await cliReplayDeps(store, config);
    const scope = site ? { siteId: site.id, orgId: site.orgId ?? null } : ('all' as const);
    const cleared = await clearLatch(deps, scope, 'cli', note.reason);
    out(
      site
        ? t(cleared ? 'latchClearedSite' : 'noLatchSite', { site: site.domain })
        : t(cleared ? 'latchClearedAll' : 'noLatchAll'),
    );
  },
});

export const replayCommands = [replayKill, replayUnlatch];
