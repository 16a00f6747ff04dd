// `pomelo site add|list|remove`: manage sites from the shell until (and beside) the dashboard.
import { parseArgs } from 'node:util';
import { recordAudit } from '../accounts/audit.js';
import { isValidTimezone } from '../counters/time.js';
import type { Store } from '../store/types.js';

export class CliError extends Error {}

const domainPattern =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lowercases and checks a site domain as typed by a person ("https://www.Example.com/" is refused). */
export function normaliseSiteDomain(input: string): string {
  const domain = input.trim().toLowerCase();
  if (!domainPattern.test(domain)) {
    throw new CliError(
      `"${input}" is not a domain name (e.g. example.com, without https:// or a path)`,
    );
  }
  return domain;
}

export async function siteCommand(
  store: Store,
  args: string[],
  out: (line: string) => void,
  limits: { maxCardinalityCap: number } = { maxCardinalityCap: 50_000 },
): Promise<void> {
  const [verb, ...rest] = args;
  switch (verb) {
    case 'add': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          timezone: { type: 'string' },
          name: { type: 'string' },
          cap: { type: 'string' },
          org: { type: 'string' },
        },
      });
      if (positionals.length !== 1)
        throw new CliError(
          'usage: site add <domain> --timezone <IANA zone> [--name <name>] [--cap <n>] [--org <name>]',
        );
      const domain = normaliseSiteDomain(positionals[0]!);
      const timezone = values.timezone ?? 'UTC';
      if (!isValidTimezone(timezone))
        throw new CliError(
          `unknown timezone "${timezone}" (use an IANA name such as Europe/Paris)`,
        );
      const cap = values.cap === undefined ? undefined : Number(values.cap);
      if (cap !== undefined && (!Number.isInteger(cap) || cap < 10))
        throw new CliError('--cap must be a whole number of at least 10');
      if (cap !== undefined && cap > limits.maxCardinalityCap)
        throw new CliError(
          `--cap must be at most ${limits.maxCardinalityCap} on this install (POMELO_MAX_CARDINALITY_CAP)`,
        );
      if (await store.siteByDomain(domain)) throw new CliError(`site ${domain} already exists`);
      const input = {
        domain,
        name: values.name,
        timezone,
        settings: cap ? { cardinalityCap: cap } : {},
      };
      // Without --org the site waits for the first organisation (setup adopts it).
      const org = values.org
        ? ((await store.accounts.orgByName(values.org)) ??
          (await store.accounts.createOrg(values.org, new Date())))
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
      return;
    }
    case 'list': {
      const sites = await store.listSites();
      if (sites.length === 0)
        out(
          'no sites yet: add one with `npm run pomelo -- site add example.com --timezone Europe/Paris`',
        );
      for (const s of sites) out(`${s.id}\t${s.domain}\t${s.timezone}\t${s.name}`);
      return;
    }
    case 'remove': {
      const domain = rest[0];
      if (!domain || rest.length !== 1) throw new CliError('usage: site remove <domain>');
      const site = await store.siteByDomain(normaliseSiteDomain(domain));
      const removed = site !== undefined && (await store.removeSite(site.domain));
      if (!removed) throw new CliError(`no site ${domain}`);
      await recordAudit(store, Date.now(), {
        actor: 'cli',
        action: 'site.delete',
        target: `site:${site.id}`,
        orgId: site.orgId ?? null,
        details: { domain: site.domain },
      });
      out(`removed site ${domain} and all of its counters`);
      return;
    }
    default:
      throw new CliError('usage: site add|list|remove …');
  }
}
