import { parseUserAgent } from '../../../server/classify/user-agent.js';
import { isBot } from '../../../server/classify/bot.js';
import { browserAgents, botAgents } from '../../privacy/agents.js';
console.log(browserAgents.length, new Set(browserAgents).size);
for (const u of browserAgents) {
  const b = isBot(u);
  const p = parseUserAgent(u);
  if (b || p.browser === '(unknown)') console.log('!!', b, JSON.stringify(p), u);
}
for (const u of botAgents) if (!isBot(u)) console.log('not bot', u);
