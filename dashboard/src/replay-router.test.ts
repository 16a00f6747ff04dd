import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, REPLAY_PLAYER_PATH } from './router.js';
import { REPLAY_PLAYER_PATH as serverPlayerPath } from '../../server/http/middleware/security-headers.js';

describe('replay routes', () => {
  it('round-trips the replay views through their hrefs', () => {
    const routes = [
      { name: 'replay', domain: 'shop.test' },
      { name: 'replay-window', windowId: 'w_1/x' },
    ] as const;
    for (const route of routes) expect(parseRoute('/', hrefOf(route))).toEqual(route);
  });

  it('sends the player to its own document, the one the server gives its own CSP', () => {
    expect(REPLAY_PLAYER_PATH).toBe(serverPlayerPath);
    const route = { name: 'replay-player', windowId: 'w1', recordingId: 'r 2' } as const;
    const href = hrefOf(route);
    expect(href.startsWith(`${REPLAY_PLAYER_PATH}#/`)).toBe(true);
    const [path, hash] = href.split('#');
    expect(parseRoute(path!, `#${hash}`)).toEqual(route);
  });

  it('leaves other paths alone', () => {
    expect(parseRoute('/', '#/sites/a/replay/x')).toEqual({ name: 'not-found' });
    expect(parseRoute('/', '#/replay/windows/w/recordings')).toEqual({ name: 'not-found' });
  });
});
