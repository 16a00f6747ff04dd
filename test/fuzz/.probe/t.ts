import http from 'node:http';
import { startTestServer } from '../../support/server.js';
const s = await startTestServer({ sites: [{ domain: 'a.test' }] });
function req(
  method: string,
  body: string | null,
  headers: Record<string, string>,
  chunked = false,
) {
  return new Promise<string>((resolve) => {
    const r = http.request(
      { host: '127.0.0.1', port: s.port, path: '/api/event', method, headers },
      (res) => {
        let t = '';
        res.on('data', (c) => (t += c));
        res.on('end', () => resolve(`${res.statusCode} ${t.slice(0, 120)}`));
      },
    );
    r.on('error', (e) => resolve('ERR ' + e.message));
    if (body !== null) {
      if (chunked) {
        for (let i = 0; i < body.length; i += 1000) r.write(body.slice(i, i + 1000));
      } else r.write(body);
    }
    r.end();
  });
}
const ok = JSON.stringify({ n: 'pageview', u: 'https://a.test/', d: 'a.test' });
const ua = {
  'user-agent':
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};
console.log('GET', await req('GET', null, ua));
console.log('PUT', await req('PUT', ok, { ...ua, 'content-type': 'text/plain' }));
console.log('DELETE', await req('DELETE', null, ua));
console.log(
  'chunked ok',
  await req(
    'POST',
    ok,
    { ...ua, 'content-type': 'text/plain', 'transfer-encoding': 'chunked' },
    true,
  ),
);
console.log(
  'chunked 5000',
  await req(
    'POST',
    ok.replace('}', ',"x":"' + 'a'.repeat(5000) + '"}'),
    { ...ua, 'content-type': 'text/plain', 'transfer-encoding': 'chunked' },
    true,
  ),
);
console.log('BOM', await req('POST', '\uFEFF' + ok, { ...ua, 'content-type': 'text/plain' }));
console.log(
  'gzip',
  await req('POST', ok, { ...ua, 'content-type': 'text/plain', 'content-encoding': 'gzip' }),
);
console.log(
  'utf16',
  await req('POST', ok, { ...ua, 'content-type': 'text/plain; charset=utf-16' }),
);
console.log('text/plainx', await req('POST', ok, { ...ua, 'content-type': 'text/plainx' }));
console.log('empty ct', await req('POST', ok, { ...ua, 'content-type': '' }));
console.log('no ct', await req('POST', ok, { ...ua }));
console.log(
  'json; garbage',
  await req('POST', ok, { ...ua, 'content-type': 'application/json-patch+json' }),
);
console.log(
  '/api/event/',
  await new Promise((r) => {
    const q = http.request(
      {
        host: '127.0.0.1',
        port: s.port,
        path: '/api/event/',
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
      },
      (res) => {
        let t = '';
        res.on('data', (c) => (t += c));
        res.on('end', () => r(res.statusCode + ' ' + t));
      },
    );
    q.end(ok);
  }),
);
console.log(
  '/API/EVENT',
  await new Promise((r) => {
    const q = http.request(
      {
        host: '127.0.0.1',
        port: s.port,
        path: '/API/EVENT',
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
      },
      (res) => {
        let t = '';
        res.on('data', (c) => (t += c));
        res.on('end', () => r(res.statusCode + ' ' + t));
      },
    );
    q.end(ok);
  }),
);
console.log(
  '/api/event?x',
  await new Promise((r) => {
    const q = http.request(
      {
        host: '127.0.0.1',
        port: s.port,
        path: '/api/event?token=1',
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
      },
      (res) => {
        let t = '';
        res.on('data', (c) => (t += c));
        res.on('end', () => r(res.statusCode + ' ' + t));
      },
    );
    q.end(ok);
  }),
);
console.log(
  s
    .db()
    .prepare(
      "select dimension, value, pageviews, events from daily_counters where dimension in ('total','bot')",
    )
    .all(),
);
await s.close();
