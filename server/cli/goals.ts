// `pomelo goal add|list|remove`: a site's conversion goals from the shell. Input goes through the
// HTTP API's own schema (server/goals/goal-input.ts): same rules, same messages; every change audited.
import { recordAudit } from '../accounts/audit.js';
import { parseGoal, parseGoalName, maxGoalsPerSite } from '../goals/goal-input.js';
import type { GoalRecord } from '../store/goals-store.js';
import type { Store } from '../store/types.js';
import { command, CliError, type RunContext } from './command.js';

async function siteOf(store: Store, domain: string | undefined, t: RunContext['t']) {
  const site = domain ? await store.siteByDomain(domain.trim().toLowerCase()) : undefined;
  if (!site) throw new CliError(t('goalNoSite', { domain: domain ?? '' }));
  return site;
}

/** `plan=pro` → {key, value}; the schema then checks both. */
function propOption(text: string | undefined, t: RunContext['t']) {
  if (text === undefined) return undefined;
  const at = text.indexOf('=');
  if (at < 0) throw new CliError(t('goalPropFormat'));
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
  summary: 'goalAddSummary',
  args: 'argsDomain',
  positionals: 1,
  options: {
    page: {
      type: 'string',
      value: 'valuePattern',
      description: 'optGoalPage',
    },
    event: { type: 'string', value: 'valueName', description: 'optGoalEvent' },
    prop: { type: 'string', value: 'valueKeyValue', description: 'optGoalProp' },
    currency: {
      type: 'string',
      value: 'valueIso4217',
      description: 'optGoalCurrency',
    },
    name: { type: 'string', value: 'valueName', description: 'optGoalName' },
  },
  store: 'write',
  details: 'goalAddDetails',
  async run({ store, options, args, out, t }) {
    const site = await siteOf(store, args[0], t);
    const parsed = parseGoal({
      ...(options.name !== undefined && { name: options.name }),
      ...(options.page !== undefined && { page: options.page }),
      ...(options.event !== undefined && { event: options.event }),
      ...(options.prop !== undefined && { prop: propOption(options.prop as string, t) }),
      ...(options.currency !== undefined && { currency: options.currency }),
    });
    if (!parsed.ok) throw new CliError(parsed.message.replace(/^([\w.]+):/, '--$1:'));
    const added = await store.goals.addGoal(site.id, parsed.goal, new Date().toISOString());
    if (added === 'exists')
      throw new CliError(t('goalExists', { domain: site.domain, name: parsed.goal.name }));
    if (added === 'full') throw new CliError(t('goalFull', { max: maxGoalsPerSite }));
    await recordAudit(store, Date.now(), {
      actor: 'cli',
      action: 'goal.create',
      target: `site:${site.id}`,
      orgId: site.orgId ?? null,
      details: { name: added.name, kind: added.kind },
    });
    out(t('goalAdded', { name: added.name, domain: site.domain }));
  },
});

export const goalList = command({
  name: 'goal list',
  summary: 'goalListSummary',
  args: 'argsDomain',
  positionals: 1,
  store: 'read',
  async run({ store, args, out, t }) {
    const site = await siteOf(store, args[0], t);
    const goals = await store.goals.goalsOf(site.id);
    if (goals.length === 0) out(t('goalNone', { domain: site.domain }));
    for (const g of goals) out(describeGoal(g));
  },
});

export const goalRemove = command({
  name: 'goal remove',
  summary: 'goalRemoveSummary',
  args: 'argsDomainName',
  positionals: 2,
  store: 'write',
  async run({ store, args, out, t }) {
    const site = await siteOf(store, args[0], t);
    const name = parseGoalName(args[1]);
    const removed = name === null ? undefined : await store.goals.removeGoal(site.id, name);
    if (!removed) throw new CliError(t('goalNoSuch', { domain: site.domain, name: args[1] ?? '' }));
    await recordAudit(store, Date.now(), {
      actor: 'cli',
      action: 'goal.delete',
      target: `site:${site.id}`,
      orgId: site.orgId ?? null,
      details: { name: removed.name, kind: removed.kind },
    });
    out(t('goalRemoved', { name: removed.name, domain: site.domain }));
  },
});

export const goalCommands = [goalAdd, goalList, goalRemove];
