// `pomelo replay kill --all | --site <domain>`: the kill switch from a shell (issue 6 §6). Closes
// every window of the install or of one site and purges their recordings; running recorders get
// 410 at their next flush, other nodes stop offering within their refresh interval.
import { recordAudit } from '../accounts/audit.js';
import { createLogger } from '../log.js';
import { defaultReplayOptions, type ReplayDeps } from '../replay/deps.js';
import { ReplayOffers } from '../replay/offer.js';
import { killSwitch } from '../replay/windows.js';
import { command, CliError } from './command.js';

export const replayKill = command({
  name: 'replay kill',
  summary: "close every replay window (or one site's) and purge their recordings",
  options: {
    all: { type: 'boolean', description: 'every site of the install' },
    site: { type: 'string', value: 'domain', description: 'one site only' },
  },
  store: 'write',
  async run({ store, options, out }) {
    const domain = options.site as string | undefined;
    if ((options.all === true) === (domain !== undefined))
      throw new CliError(
        'give either --all or --site <domain>: pomelo replay kill --all | --site <domain>',
      );
    const now = () => Date.now();
    const deps: ReplayDeps = {
      store,
      now,
      log: createLogger('warn', (line) => process.stderr.write(line)),
      offers: new ReplayOffers(store, { now, random: Math.random, refreshMs: 0 }),
      options: defaultReplayOptions,
    };
    const site = domain !== undefined ? await store.siteByDomain(domain.toLowerCase()) : undefined;
    if (domain !== undefined && !site) throw new CliError(`no site "${domain}"`);
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
  },
});

export const replayCommands = [replayKill];
