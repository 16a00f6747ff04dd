import { sanitiseText } from '../../../server/classify/text.js';
for (const c of [
  '\u00ad',
  '\u061c',
  '\u180e',
  '\u2028',
  '\u2029',
  '\u2060',
  '\u2061',
  '\u2064',
  '\u206a',
  '\u206f',
  '\ufff9',
  '\ufffb',
  '\u{e0001}',
  '\u{e0041}',
  '\u{e007f}',
  '\u034f',
  '\ufe0f',
])
  console.log(c.codePointAt(0)!.toString(16), JSON.stringify(sanitiseText(`Sign${c}up`, 100)));
