// `pomelo site add|list|remove`: manage sites from the shell until (and beside) the dashboard.
// Input goes through the HTTP API's own schema (accounts/site-input.ts): same rules, same limits.
import * as v from 'valibot';
import { recordAudit } from '../accounts/audit.js';
import { newSiteBody, settingsProblem, siteDomain } from '../accounts/site-input.js';
import type { Store } from '../store/types.js';
import { command, CliError, issueLine } from './command.js';
import type { CliText } from './text.js';

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
  async run({ store, config, options, args, out, err, t }) {
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
    const org = await orgFor(store, options.org as string | undefined, t);
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
    const values = { domain: site.domain, id: String(site.id), timezone: site.timezone };
    out(org ? t('siteAddedToOrg', { ...values, org: org.name }) : t('siteAdded', values));
    if (!org) err(t('siteWaitsForSetup'));
  },
});

/**
 * The organisation a new site joins: the one named by --org (which must exist: a typo must not
 * create an organisation nobody sees), else the only one; with several, --org is required. Before
 * setup there is none and the site waits without one (setup adopts it).
 */
async function orgFor(store: Store, name: string | undefined, t: CliText) {
  const orgs = await store.accounts.listOrgs();
  const names = orgs.map((o) => o.name).join(', ');
  if (name !== undefined) {
    const org = orgs.find((o) => o.name === name);
    if (org) return org;
    throw new CliError(
      orgs.length === 0
        ? t('siteOrgNoneYet', { org: name })
        : t('siteOrgUnknown', { org: name, orgs: names }),
    );
  }
  if (orgs.length > 1) throw new CliError(t('siteOrgRequired', { orgs: names }));
  return orgs[0];
}

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
