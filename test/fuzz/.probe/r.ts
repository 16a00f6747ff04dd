import { classifyReferrer } from '../../../server/classify/referrer.js';
for (const r of [
  'https://www.google.com/search?q=x',
  'https://news.ycombinator.com/item?id=1',
  'https://chatgpt.com/',
  'https://blog.zzfoo.example/a?b',
  'https://zzfoo.example/',
  'https://www.bing.com/search?q=1',
  'http://alpha.test.:8080/x',
  'https://WWW.ALPHA.TEST/',
])
  console.log(r, JSON.stringify(classifyReferrer(r, 'alpha.test')));
const h = new Headers();
try {
  h.set('user-agent', 'a\u00e9b\u0100');
  console.log('ok', h.get('user-agent'));
} catch (e) {
  console.log('throws', String(e));
}
try {
  h.set('user-agent', 'a\u00e9b\u007f');
  console.log('ok', JSON.stringify(h.get('user-agent')));
} catch (e) {
  console.log('throws', String(e));
}
try {
  h.set('user-agent', 'a\u0001b');
  console.log('ok', JSON.stringify(h.get('user-agent')));
} catch (e) {
  console.log('throws', String(e));
}
