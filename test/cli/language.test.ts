// `pomelo` speaks the user's language (issue 16): POMELO_LANG, else the POSIX locale (LC_ALL,
// LC_MESSAGES, LANG), else English. A real child process on the built CLI, in an empty directory
// that help, a typo and a refusal leave empty.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { freshDataDir } from '../support/server.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = freshDataDir('pomelo-lang-');
  dirs.push(d);
  return d;
};

/** The CLI in `cwd` with the language variables of this machine replaced by `lang`. */
async function pomelo(cwd: string, lang: Record<string, string>, ...args: string[]) {
  const env: Record<string, string | undefined> = { ...process.env, POMELO_DATA_DIR: '' };
  for (const name of ['POMELO_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) delete env[name];
  try {
    const r = await run('node', [path.join(root, 'build/server/cli/main.js'), ...args], {
      cwd,
      env: { ...env, ...lang },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test.each([
  ['LC_MESSAGES=fr_CA.UTF-8 over LANG=en_US.UTF-8', { LC_MESSAGES: 'fr_CA.UTF-8', LANG: 'en_US' }],
  ['POMELO_LANG=fr over LC_ALL=C', { POMELO_LANG: 'fr', LC_ALL: 'C' }],
  ['LC_ALL=fr_FR.UTF-8 over POMELO_LANG unset and LANG=C', { LC_ALL: 'fr_FR.UTF-8', LANG: 'C' }],
])(
  '%s: French help',
  async (_name, lang) => {
    const help = await pomelo(tempDir(), lang, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^utilisation : pomelo <commande> \[options\]/);
  },
  30_000,
);

test.each([
  ['POMELO_LANG=fr', { POMELO_LANG: 'fr' }],
  ['LANG=fr_FR.UTF-8', { LANG: 'fr_FR.UTF-8' }],
])(
  '%s: French help, French refusals, nothing created',
  async (_name, lang) => {
    const cwd = tempDir();
    const help = await pomelo(cwd, lang, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^utilisation : pomelo <commande> \[options\]/);
    expect(help.stdout).toMatch(/^commandes :$/m);
    // Command names stay as typed; their summaries are French.
    expect(help.stdout).toMatch(/^ {2}site add +ajoute un site \(mêmes règles/m);
    expect(help.stdout).toMatch(/^ {2}backup +copie la base SQLite/m);
    expect(help.stdout).not.toMatch(/usage:|add a site/);

    const siteAdd = await pomelo(cwd, lang, 'site', 'add', '--help');
    expect(siteAdd.code).toBe(0);
    expect(siteAdd.stdout).toMatch(
      /^utilisation : pomelo site add <domaine> \[--timezone <fuseau IANA>\] \[--name <nom>\]/,
    );
    expect(siteAdd.stdout).toMatch(/--cap <n> +valeurs distinctes par jour et par dimension/);
    expect((await pomelo(cwd, lang, 'audit', 'export', '-h')).stdout).toMatch(
      /--format <csv\|json> +format de sortie \(csv par défaut\)/,
    );

    const typo = await pomelo(cwd, lang, 'frobnicate');
    expect(typo).toMatchObject({ code: 2, stdout: '' });
    expect(typo.stderr).toBe(
      'pomelo: commande inconnue « frobnicate » (pomelo --help les liste toutes)\n',
    );
    const near = await pomelo(cwd, lang, 'sitee', 'list');
    expect(near.code).toBe(2);
    expect(near.stderr).toMatch(/vouliez-vous dire « site » \?/);
    const verb = await pomelo(cwd, lang, 'site', 'lst');
    expect(verb.code).toBe(2);
    expect(verb.stderr).toMatch(
      /^pomelo: commande inconnue « site lst » ; vouliez-vous dire « site list » \?/,
    );
    expect(verb.stderr).toMatch(/^utilisation : pomelo site <add\|list\|remove> …$/m);

    const args = await pomelo(cwd, lang, 'site', 'add');
    expect(args.code).toBe(2);
    expect(args.stderr).toBe(
      'pomelo: site add prend 1 argument (<domaine>), et non 0 (pomelo site add --help)\n',
    );
    const option = await pomelo(cwd, lang, 'site', 'add', 'a.test', '--colour', 'red');
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^pomelo: option inconnue '--colour' \(pomelo site add --help\)/);
    const read = await pomelo(cwd, lang, 'site', 'list');
    expect(read.code).toBe(2);
    expect(read.stderr).toMatch(/^pomelo: aucune base Pomelo dans .* : rien à lire/);

    expect(fs.readdirSync(cwd)).toEqual([]);
  },
  120_000,
);

test('English stays the default: C, POSIX, an unshipped language, or nothing set', async () => {
  const cwd = tempDir();
  const langs: Record<string, string>[] = [
    {},
    { LANG: 'C.UTF-8' },
    { LC_ALL: 'POSIX' },
    { LANG: 'zz_ZZ.UTF-8' },
  ];
  for (const lang of langs) {
    const help = await pomelo(cwd, lang, '--help');
    expect(help.stdout, JSON.stringify(lang)).toMatch(/^usage: pomelo <command> \[options\]/);
    expect(help.stdout).toMatch(/^ {2}site add +add a site/m);
  }
  expect(fs.readdirSync(cwd)).toEqual([]);
}, 60_000);

test('an unknown POMELO_LANG is refused naming it, exit 2, in the POSIX language', async () => {
  const cwd = tempDir();
  const english = await pomelo(cwd, { POMELO_LANG: 'xx' }, '--help');
  expect(english).toMatchObject({ code: 2, stdout: '' });
  expect(english.stderr).toMatch(
    /^pomelo: POMELO_LANG must be one of en, fr(, [a-z]{2})*, got "xx" \(README, "Configuration"\)$/m,
  );
  const french = await pomelo(cwd, { POMELO_LANG: 'xx', LANG: 'fr_FR.UTF-8' }, 'site', 'list');
  expect(french.code).toBe(2);
  expect(french.stderr).toMatch(
    /^pomelo: POMELO_LANG doit être l’une des valeurs en, fr(, [a-z]{2})* ; valeur reçue : "xx"/,
  );
  expect(fs.readdirSync(cwd)).toEqual([]);
}, 60_000);

test('configuration errors and `pomelo config` in French, names and values verbatim', async () => {
  const cwd = tempDir();
  const bad = await pomelo(cwd, { POMELO_LANG: 'fr', PORT: 'abc' }, 'config');
  expect(bad).toMatchObject({ code: 2, stdout: '' });
  expect(bad.stderr).toBe(
    'pomelo: PORT doit être un nombre entier de 0 à 65535 ; valeur reçue : "abc" (README, « Configuration »)\n',
  );
  const ok = await pomelo(
    cwd,
    { LANG: 'fr_FR.UTF-8', POMELO_METRICS_TOKEN: 'a-very-secret-metrics-token' },
    'config',
  );
  expect(ok.code).toBe(0);
  expect(ok.stdout).toMatch(/^HOST=127\.0\.0\.1 {2}# par défaut$/m);
  expect(ok.stdout).toMatch(/^POMELO_LANG=fr {2}# par défaut$/m);
  expect(ok.stdout).toMatch(/^POMELO_METRICS_TOKEN=\(définie, masquée\)$/m);
  expect(ok.stdout).toMatch(/^POMELO_PUBLIC_URL=\(non définie\) {2}# par défaut$/m);
  expect(ok.stdout).not.toMatch(/very-secret/);
  expect(fs.readdirSync(cwd)).toEqual([]);
}, 60_000);

test('a French session: successes and refusals in French, the list for scripts unchanged', async () => {
  const cwd = tempDir();
  const fr = { POMELO_LANG: 'fr' };
  expect(
    (await pomelo(cwd, fr, 'site', 'add', 'exemple.fr', '--timezone', 'Europe/Paris')).stdout,
  ).toBe('site exemple.fr ajouté (id 1, fuseau Europe/Paris)\n');
  // Every command that opens the database names it first, on stderr (issue 19 §5).
  const database = `Base de données : SQLite ${path.join(cwd, 'data', 'pomelo.db')}\n`;
  expect(await pomelo(cwd, fr, 'site', 'add', 'exemple.fr')).toMatchObject({
    code: 2,
    stderr: `${database}pomelo: le site exemple.fr existe déjà\n`,
  });
  expect((await pomelo(cwd, fr, 'site', 'list')).stdout).toBe(
    '1\texemple.fr\tEurope/Paris\texemple.fr\n',
  );
  const verified = await pomelo(cwd, fr, 'audit', 'verify');
  expect(verified.code).toBe(0);
  expect(verified.stdout).toMatch(/^\d+ lignes?, chaîne intacte ; tête [0-9a-f]+ ; /m);
  expect((await pomelo(cwd, fr, 'site', 'remove', 'exemple.fr')).stdout).toBe(
    'site exemple.fr supprimé, avec tous ses compteurs\n',
  );
  expect((await pomelo(cwd, fr, 'site', 'list')).stdout).toMatch(/^aucun site pour l’instant/);
  const killed = await pomelo(cwd, fr, 'replay', 'kill', '--all');
  expect(killed.stdout).toBe(
    'arrêt d’urgence du replay : 0 fenêtre fermée et purgée sur tous les sites\n',
  );
  expect((await pomelo(cwd, fr, 'replay', 'kill')).stderr).toBe(
    database +
      'pomelo: indiquez soit --all, soit --site <domaine> : pomelo replay kill --all | --site <domaine>\n',
  );
}, 120_000);
