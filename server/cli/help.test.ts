import { describe, expect, test } from 'vitest';
import { commands } from './commands.js';
import { resolve } from './dispatch.js';
import { commandHelp, editDistance, groupHelp, nearest, overview } from './help.js';
import { cliText } from './text.js';

const en = cliText('en');
const fr = cliText('fr');

describe('edit distance and the nearest command', () => {
  test.each([
    ['', '', 0],
    ['site', 'site', 0],
    ['sit', 'site', 1],
    ['stie', 'site', 2],
    ['backpu', 'backup', 2],
    ['kitten', 'sitting', 3],
  ])('%s → %s: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  test('a typo gets the closest name; nonsense gets none', () => {
    const names = ['site', 'user', 'audit', 'backup', 'restore', 'migrate-data', 'config', 'start'];
    expect(nearest('sitee', names)).toBe('site');
    expect(nearest('restor', names)).toBe('restore');
    expect(nearest('migrate', names)).toBe('migrate-data');
    expect(nearest('frobnicate', names)).toBeUndefined();
  });
});

describe('the command table', () => {
  test('names are unique, and every command has a summary and a store mode', () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of commands) {
      expect(en(c.summary).length, c.name).toBeGreaterThan(10);
      expect(fr(c.summary), c.name).not.toBe(en(c.summary));
      expect(['none', 'read', 'write']).toContain(c.store);
    }
  });

  test('read-only commands never create a database', () => {
    const read = commands.filter((c) => c.store === 'read').map((c) => c.name);
    expect(read).toEqual(expect.arrayContaining(['site list', 'audit verify', 'audit export']));
  });

  test('help is generated from the table', () => {
    const text = overview(commands);
    for (const c of commands) expect(text).toContain(`  ${c.name} `);
    const siteAdd = commands.find((c) => c.name === 'site add')!;
    expect(commandHelp(siteAdd)).toMatch(
      /^usage: pomelo site add <domain> \[--timezone <IANA zone>\]/,
    );
    expect(commandHelp(siteAdd)).toMatch(/--cap <n> +distinct values/);
  });

  test.each([
    [[], 2, /^usage: pomelo <command>/],
    [['--help'], 0, /^usage: pomelo <command>/],
    [['-h'], 0, /^usage: pomelo <command>/],
    [['help', 'site', 'add'], 0, /^usage: pomelo site add/],
    [['site'], 2, /^usage: pomelo site <add\|list\|remove>/],
    [['site', '--help'], 0, /^usage: pomelo site </],
    [['site', 'lst'], 2, /did you mean "site list"\?/],
    [['bakup', 'x.db'], 2, /did you mean "backup"\?/],
    [['frobnicate'], 2, /unknown command "frobnicate" \(pomelo --help/],
  ] as const)('%j → exit %i', (argv, code, text) => {
    const r = resolve(argv, commands);
    expect('text' in r && r.code).toBe(code);
    expect('text' in r && r.text).toMatch(text);
  });

  test('help in French: words translated, command and option names and literal values as typed', () => {
    const text = overview(commands, fr);
    expect(text).toMatch(/^utilisation : pomelo <commande> \[options\]/);
    for (const c of commands) expect(text).toContain(`  ${c.name} `);
    const userAdd = commands.find((c) => c.name === 'user add')!;
    expect(commandHelp(userAdd, fr)).toMatch(
      /^utilisation : pomelo user add <e-mail> \[--org <nom>\] \[--instance-admin\] \[--role <owner\|admin\|viewer>\]/,
    );
    expect(commandHelp(userAdd, fr)).toMatch(/\n\nLe mot de passe est lu sur l’entrée standard/);
    expect(
      groupHelp(
        'replay',
        commands.filter((c) => c.name.startsWith('replay ')),
        fr,
      ),
    ).toMatch(/pomelo replay kill \[--all\] \[--site <domaine>\]\n {6}ferme toutes les fenêtres/);
  });

  test.each([
    [
      ['frobnicate'],
      2,
      'pomelo: commande inconnue « frobnicate » (pomelo --help les liste toutes)',
    ],
    [
      ['bakup'],
      2,
      'pomelo: commande inconnue « bakup » ; vouliez-vous dire « backup » ? (pomelo --help les liste toutes)',
    ],
    [
      ['help', 'frobnicate'],
      2,
      'pomelo: commande inconnue « frobnicate » (pomelo --help les liste toutes)',
    ],
  ] as const)('in French, %j → exit %i', (argv, code, text) => {
    const r = resolve(argv, commands, fr);
    expect('text' in r && r.code).toBe(code);
    expect('text' in r && r.text).toBe(text);
  });

  test('`help site` lists the group (0) in either language', () => {
    for (const t of [en, fr]) {
      const r = resolve(['help', 'site'], commands, t);
      expect('text' in r && r.code).toBe(0);
    }
  });

  test('a known command resolves with the rest of the line', () => {
    const r = resolve(['site', 'add', 'a.test', '--cap', '50'], commands);
    expect('command' in r && r.command.name).toBe('site add');
    expect('command' in r && r.rest).toEqual(['a.test', '--cap', '50']);
  });
});
