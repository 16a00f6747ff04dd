// `pomelo site add|list|remove`: manage sites from the shell until (and beside) the dashboard.
// Input goes through the HTTP API's own schema (accounts/site-input.ts): same rules, same limits.
import * as v from 'valibot';
import { recordAudit } from '../accounts/audit.js';
import { newSiteBody, settingsProblem, siteDomain } from '../accounts/site-input.js';
import { command, CliError, issueLine } from './command.js';

export { CliError } from './command.js';

const optionNames = {
  domain: 'domain',
  timezone: '--timezone',
  name: '--name',
  cardinalityCap: '--cap',
};

/** A whole number as typed (`--cap 5000`), or NaN so the schema refuses it naming the option. */
const wholeNumber = (text: string | undefined) =>
  text === undefined ? undefined : /^\d+$/.test(text.trim()) ? Number(text) : NaN;

export const siteAdd = command({
  name: 'site add',
  summary: 'add a site (the same rules as the dashboard and the API)',
  args: '<domain>',
  positionals: 1,
  options: {
    timezone: {
      type: 'string',
      value: 'IANA zone',
      description: 'reports day by day in this zone (default UTC)',
    },
    name: { type: 'string', value: 'name', description: 'display name (default: the domain)' },
    cap: {
      type: 'string',
      value: 'n',
      description: 'distinct values per day and dimension (10 to POMELO_MAX_CARDINALITY_CAP)',
    },
    org: {
      type: 'string',
      value: 'name',
      description: 'organisation to put it in (created if new)',
    },
  },
  store: 'write',
  async run({ store, config, options, args, out }) {
    const cap = wholeNumber(options.cap as string | undefined);
    const parsed = v.safeParse(newSiteBody, {
      domain: args[0],
      timezone: (options.timezone as string | undefined) ?? 'UTC',
      ...(options.name !== undefined && { name: options.name }),
      ...(cap !== undefined && { cardinalityCap: cap }),
    });
    if (!parsed.success) throw new CliError(issueLine(parsed.issues, optionNames));
    const { domain, name, timezone, cardinalityCap } = parsed.output;
    const problem = settingsProblem({ cardinalityCap }, config);
    if (problem) throw new CliError(problem.replace(/^cardinalityCap/, '--cap'));
    if (await store.siteByDomain(domain)) throw new CliError(`site ${domain} already exists`);
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
    out(`added site ${site.domain} (id ${site.id}, timezone ${site.timezone})`);
  },
});

export const siteList = command({
  name: 'site list',
  summary: 'list the sites: id, domain, timezone, name (tab-separated)',
  store: 'read',
  async run({ store, out }) {
    const sites = await store.listSites();
    if (sites.length === 0)
      out('no sites yet: add one with `pomelo site add example.com --timezone Europe/Paris`');
    for (const s of sites) out(`${s.id}\t${s.domain}\t${s.timezone}\t${s.name}`);
  },
});

export const siteRemove = command({
  name: 'site remove',
  summary: 'remove a site and all of its counters',
  args: '<domain>',
  positionals: 1,
  store: 'write',
  async run({ store, args, out }) {
    const parsed = v.safeParse(siteDomain, args[0]);
    if (!parsed.success) throw new CliError(issueLine(parsed.issues, { '': 'domain' }));
    const site = await store.siteByDomain(parsed.output);
    const removed = site !== undefined && (await store.removeSite(site.domain));
    if (!removed) throw new CliError(`no site ${args[0]}`);
    await recordAudit(store, Date.now(), {
      actor: 'cli',
      action: 'site.delete',
      target: `site:${site.id}`,
      orgId: site.orgId ?? null,
      details: { domain: site.domain },
    });
    out(`removed site ${args[0]} and all of its counters`);
  },
});

export const siteCommands = [siteAdd, siteList, siteRemove];
