// `pomelo goal add|list|remove`: a site's conversion goals from the shell. Input goes through the
// HTTP API's own schema (server/goals/goal-input.ts): same rules, same messages; every change audited.
import { recordAudit } from '../accounts/audit.js';
import { parseGoal, parseGoalName, maxGoalsPerSite } from '../goals/goal-input.js';
import type { GoalRecord } from '../store/goals-store.js';
import type { Store } from '../store/types.js';
import { command, CliError } from './command.js';

async function siteOf(store: Store, domain: string | undefined) {
  const site = domain ? await store.siteByDomain(domain.trim().toLowerCase()) : undefined;
  if (!site) throw new CliError(`no site ${domain ?? ''}`);
  return site;
}

/** `plan=pro` → {key, value}; the schema then checks both. */
function propOption(text: string | undefined) {
  if (text === undefined) return undefined;
  const at = text.indexOf('=');
  if (at < 0) throw new CliError('--prop: write it as key=value (such as plan=pro)');
  return { key: text.slice(0, at), value: text.slice(at + 1) };
}

export function describeGoal(g: GoalRecord): string {
  const what =
    g.kind === 'page'
      ? `page ${g.pagePattern}`
      : `event ${g.eventName}${g.propKey !== null ? ` ${g.propKey}=${g.propValue}` : ''}${
          g.currency ? ` revenue in ${g.currency}` : ''
        }`;
  return `${g.name}\t${g.kind}\t${what}`;
}

export const goalAdd = command({
  name: 'goal add',
  summary: 'add a conversion goal to a site: a page pattern or a custom event',
  args: '<domain>',
  positionals: 1,
  options: {
    page: {
      type: 'string',
      value: 'pattern',
      description: 'pageview goal: "/thanks*", "/blog/**"',
    },
    event: { type: 'string', value: 'name', description: 'custom-event goal: the event name' },
    prop: { type: 'string', value: 'key=value', description: 'event goal: one property value' },
    currency: {
      type: 'string',
      value: 'ISO 4217',
      description: 'revenue goal: sums the revenue of the event in this currency (EUR, USD…)',
    },
    name: { type: 'string', value: 'name', description: 'display name (default from the goal)' },
  },
  store: 'write',
  details:
    'Goals apply to history: conversions are computed from the counters already stored. Revenue is\n' +
    'recorded from events carrying {currency, amount}, from the version that added goals onwards.',
  async run({ store, options, args, out }) {
    const site = await siteOf(store, args[0]);
    const parsed = parseGoal({
      ...(options.name !== undefined && { name: options.name }),
      ...(options.page !== undefined && { page: options.page }),
      ...(options.event !== undefined && { event: options.event }),
      ...(options.prop !== undefined && { prop: propOption(options.prop as string) }),
      ...(options.currency !== undefined && { currency: options.currency }),
    });
    if (!parsed.ok) throw new CliError(parsed.message.replace(/^([\w.]+):/, '--$1:'));
    const added = await store.goals.addGoal(site.id, parsed.goal, new Date().toISOString());
    if (added === 'exists')
      throw new CliError(`${site.domain} already has a goal named "${parsed.goal.name}"`);
    if (added === 'full') throw new CliError(`a site has at most ${maxGoalsPerSite} goals`);
    await recordAudit(store, Date.now(), {
      actor: 'cli',
      action: 'goal.create',
      target: `site:${site.id}`,
      orgId: site.orgId ?? null,
      details: { name: added.name, kind: added.kind },
    });
    out(`added goal "${added.name}" to ${site.domain}`);
  },
});

export const goalList = command({
  name: 'goal list',
  summary: "list a site's goals: name, kind, definition (tab-separated)",
  args: '<domain>',
  positionals: 1,
  store: 'read',
  async run({ store, args, out }) {
    const site = await siteOf(store, args[0]);
    const goals = await store.goals.goalsOf(site.id);
    if (goals.length === 0) out(`no goals yet: pomelo goal add ${site.domain} --page "/thanks*"`);
    for (const g of goals) out(describeGoal(g));
  },
});

export const goalRemove = command({
  name: 'goal remove',
  summary: 'remove a goal by its name (its counters stay: goals are computed from them)',
  args: '<domain> <name>',
  positionals: 2,
  store: 'write',
  async run({ store, args, out }) {
    const site = await siteOf(store, args[0]);
    const name = parseGoalName(args[1]);
    const removed = name === null ? undefined : await store.goals.removeGoal(site.id, name);
    if (!removed) throw new CliError(`${site.domain} has no goal named "${args[1]}"`);
    await recordAudit(store, Date.now(), {
      actor: 'cli',
      action: 'goal.delete',
      target: `site:${site.id}`,
      orgId: site.orgId ?? null,
      details: { name: removed.name, kind: removed.kind },
    });
    out(`removed goal "${removed.name}" from ${site.domain}`);
  },
});

export const goalCommands = [goalAdd, goalList, goalRemove];
