// `pomelo site add|list|remove`: manage sites from the shell until (and beside) the dashboard.
// Input goes through the HTTP API's own schema (accounts/site-input.ts): same rules, same limits.
import * as v from 'valibot';
import { recordAudit } from '../accounts/audit.js';
import { newSiteBody, settingsProblem, siteDomain } from '../accounts/site-input.js';
import { command, CliError, issueLine } from './command.js';

export { CliError } from './command.js';

const optionNames = (domain: string) => ({
  domain,
  timezone: '--timezone',
  name: '--name',
  cardinalityCap: '--cap',
});

/** A whole number as typed (`--cap 5000`), or NaN so the schema refuses it naming the option. */
const wholeNumber = (text: string | undefined) =>
  text === undefined ? undefined : /^\d+$/.test(text.trim()) ? Number(text) : NaN;

export const siteAdd = command({
  name: 'site add',
  summary: 'siteAddSummary',
  args: 'argsDomain',
  positionals: 1,
  options: {
    timezone: { type: 'string', value: 'valueIanaZone', description: 'optTimezone' },
    name: { type: 'string', value: 'valueName', description: 'optSiteName' },
    cap: { type: 'string', value: 'valueN', description: 'optCap' },
    org: { type: 'string', value: 'valueName', description: 'optSiteOrg' },
  },
  store: 'write',
  async run({ store, config, options, args, out, t }) {
    const cap = wholeNumber(options.cap as string | undefined);
    const parsed = v.safeParse(newSiteBody, {
      domain: args[0],
      timezone: (options.timezone as string | undefined) ?? 'UTC',
      ...(options.name !== undefined && { name: options.name }),
      ...(cap !== undefined && { cardinalityCap: cap }),
    });
    if (!parsed.success)
      throw new CliError(issueLine(parsed.issues, optionNames(t('fieldDomain'))));
    const { domain, name, timezone, cardinalityCap } = parsed.output;
    const problem = settingsProblem({ cardinalityCap }, config);
    if (problem) throw new CliError(problem.replace(/^cardinalityCap/, '--cap'));
    if (await store.siteByDomain(domain)) throw new CliError(t('siteExists', { domain }));
    const input = { domain, name, timezone, settings: cardinalityCap ? { cardinalityCap } : {} };
    const orgName = options.org as string | undefined;
    // Without --org the site waits for the first organisation (setup adopts it).
    const org = orgName
      ? ((await store.accounts.orgByName(orgName)) ??
        (await store.accounts.createOrg(orgName, new Date())))
      : undefined;
    const site = org
      ? await store.accounts.createSite(input, org.id, new Date())
      : await store.addSite(input, new Date());
    await recordAudit(store, Date.now(), {
      actor: 'cli',
      action: 'site.create',
      target: `site:${site.id}`,
      orgId: org?.id ?? null,
      details: { domain: site.domain },
    });
    out(t('siteAdded', { domain: site.domain, id: String(site.id), timezone: site.timezone }));
  },
});

export const siteList = command({
  name: 'site list',
  summary: 'siteListSummary',
  store: 'read',
  async run({ store, out, t }) {
    const sites = await store.listSites();
    // The list itself is for scripts (tab-separated, as stored); only the empty case is prose.
    if (sites.length === 0) out(t('noSitesYet'));
    for (const s of sites) out(`${s.id}\t${s.domain}\t${s.timezone}\t${s.name}`);
  },
});

export const siteRemove = command({
  name: 'site remove',
  summary: 'siteRemoveSummary',
  args: 'argsDomain',
  positionals: 1,
  store: 'write',
  async run({ store, args, out, t }) {
    const parsed = v.safeParse(siteDomain, args[0]);
    if (!parsed.success) throw new CliError(issueLine(parsed.issues, { '': t('fieldDomain') }));
    const site = await store.siteByDomain(parsed.output);
    const removed = site !== undefined && (await store.removeSite(site.domain));
    if (!removed) throw new CliError(t('noSite', { domain: args[0]! }));
    await recordAudit(store, Date.now(), {
      actor: 'cli',
      action: 'site.delete',
      target: `site:${site.id}`,
      orgId: site.orgId ?? null,
      details: { domain: site.domain },
    });
    out(t('siteRemoved', { domain: args[0]! }));
  },
});

export const siteCommands = [siteAdd, siteList, siteRemove];
