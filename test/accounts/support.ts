// Helpers for the accounts tests: an HTTP client with a cookie jar and same-origin headers, and
// fixtures (users, orgs, sessions) created through the real services.
import fs from 'node:fs';
import path from 'node:path';
import { newToken, sha256Hex } from '../../server/accounts/tokens.js';
import { createUser, joinOrg } from '../../server/accounts/users.js';
import type { Role } from '../../server/store/accounts.js';
import { sqliteFile } from '../../server/store/sqlite.js';
import type { TestServer } from '../support/server.js';

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

/** A browser-like client: keeps its session cookie and sends Origin like a same-origin page. */
export class Client {
  cookie: string | undefined;
  constructor(
    readonly url: string,
    readonly headers: Record<string, string> = {},
  ) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<Reply> {
    const res = await fetch(this.url + path, {
      method,
      headers: {
        origin: this.url,
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(this.cookie && { cookie: this.cookie }),
        ...this.headers,
        ...extra,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers
      .getSetCookie()
      .filter((c) => c.includes('pomelo_session='))
      .at(-1);
    if (set) {
      const pair = set.split(';')[0]!;
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // CSV and other text bodies stay text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }
  get = (path: string, extra?: Record<string, string>) =>
    this.request('GET', path, undefined, extra);
  post = (path: string, body: unknown = {}, extra?: Record<string, string>) =>
    this.request('POST', path, body, extra);
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  delete = (path: string) => this.request('DELETE', path);
}

export const setupToken = (server: TestServer) =>
  new URL(server.pomelo.setupUrl!).hash.replace('#token=', '');

/** Completes first-run setup over HTTP; returns the owner's signed-in client. */
export async function setupOwner(
  server: TestServer,
  email: string,
  password: string,
  orgName: string,
) {
  const client = new Client(server.url);
  const r = await client.post('/api/setup', {
    token: setupToken(server),
    email,
    password,
    orgName,
  });
  if (r.status !== 201) throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { client, userId: r.body.user.id as number, orgId: r.body.org.id as number };
}

/** A user with a role in an org (created if needed), through the same services as the API. */
export async function addUser(
  server: TestServer,
  email: string,
  password: string,
  orgName: string,
  role: Role,
) {
  const { store } = server.pomelo;
  const now = Date.now();
  const user =
    (await store.accounts.userByEmail(email)) ?? (await createUser(store, email, password, now));
  const orgId = await joinOrg(store, now, 'test', orgName, user, role);
  return { userId: user.id, orgId };
}

/** A fresh session for a user, straight into the store (as a login would make it). */
export async function sessionCookie(server: TestServer, userId: number): Promise<string> {
  const token = newToken('ses');
  const now = Date.now();
  await server.pomelo.store.accounts.createSession({
    idHash: sha256Hex(token),
    userId,
    createdAt: new Date(now).toISOString(),
    lastSeenAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 86_400_000).toISOString(),
  });
  return `pomelo_session=${token}`;
}

export async function login(server: TestServer, email: string, password: string): Promise<Client> {
  const client = new Client(server.url);
  const r = await client.post('/api/auth/login', { email, password });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return client;
}

/** Fast-enough test env: generous auth limits (the limit has its own test). */
export const testEnv = { POMELO_AUTH_RATE: '100000', POMELO_LOG_LEVEL: 'debug' };

/**
 * For tests whose clock jumps hours or days while a user stays signed in: sessions of 30 days idle
 * and 60 days absolute instead of the 30 min / 12 h defaults (tested in sessions.test.ts).
 */
export const longSessions = {
  POMELO_SESSION_IDLE_MINUTES: '43200',
  POMELO_SESSION_MAX_HOURS: '1440',
};

/** Runs SQL on the server's database (SQLite file or PostgreSQL), e.g. to tamper with a row. */
export async function rawSql(server: TestServer, statement: string): Promise<void> {
  if (server.backend === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(sqliteFile(server.dataDir));
    try {
      db.exec(statement);
    } finally {
      db.close();
    }
    return;
  }
  const { default: postgres } = await import('postgres');
  const sql = postgres(server.config.databaseUrl!, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end();
  }
}

/** Everything the database holds, as text: the SQLite files' bytes, or every PostgreSQL row. */
export async function databaseText(server: TestServer): Promise<string> {
  if (server.backend === 'sqlite') {
    // Files only: the replay keyring (replay-keys/) is beside the database, not in it.
    return fs
      .readdirSync(server.dataDir, { withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => fs.readFileSync(path.join(server.dataDir, f.name)).toString('latin1'))
      .join('\n');
  }
  const { default: postgres } = await import('postgres');
  const sql = postgres(server.config.databaseUrl!, { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ name: string }[]>`
      select table_name as name from information_schema.tables where table_schema = 'public'`;
    const parts: string[] = [];
    for (const { name } of tables) {
      const rows = await sql.unsafe(`select row_to_json(t)::text as j from "${name}" t`);
      parts.push(...rows.map((r) => String(r.j)));
    }
    return parts.join('\n');
  } finally {
    await sql.end();
  }
}
