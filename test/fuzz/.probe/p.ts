import { startTestServer } from '../../support/server.js';
import { rawPost } from '../harness.js';
const s = await startTestServer({ sites: [{ domain: 'bad.test' }] });
const body = `{"n":"Signup","u":"https://bad.test/page","d":"bad.test","p":{"plan":"a","pl\\u200ban":"a","__proto__\\u200b":"x"}}`;
console.log((await rawPost(s.url, body)).status);
console.log(s.db().prepare('SELECT dimension, value, events FROM daily_counters').all());
await s.close();
