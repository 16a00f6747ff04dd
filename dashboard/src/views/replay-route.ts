// Dispatches the replay routes to their views, and keeps the player in its own document: the
// player page (/replay/player) has a CSP that lets rrweb's iframe keep recorded inline styles, so
// the player only ever runs there and every other view leaves it (a full page load).
import { h } from 'preact';
import type { Me } from '../api.js';
import { hrefOf, REPLAY_PLAYER_PATH, type Route } from '../router.js';
import { ReplayPlayerView } from './replay-player.js';
import { ReplayWindowView } from './replay-window.js';
import { ReplayWindowsView } from './replay-windows.js';

type ReplayRouteName = 'replay' | 'replay-window' | 'replay-player';
export type ReplayRoute = Extract<Route, { name: ReplayRouteName }>;

export function isReplayRoute(route: Route): route is ReplayRoute {
  return (
    route.name === 'replay' || route.name === 'replay-window' || route.name === 'replay-player'
  );
}

/** Moves to the right document for the route; true when a page load is under way. */
export function keepPlayerDocumentApart(route: Route): boolean {
  const inPlayer = location.pathname === REPLAY_PLAYER_PATH;
  if (route.name === 'replay-player' && !inPlayer) location.replace(hrefOf(route));
  else if (route.name !== 'replay-player' && inPlayer) location.replace(`/${location.hash}`);
  else return false;
  return true;
}

export function ReplayRouteView(props: { route: ReplayRoute; me: Me; onUnauthorized: () => void }) {
  const { route, me, onUnauthorized } = props;
  switch (route.name) {
    case 'replay':
      return h(ReplayWindowsView, { key: route.domain, domain: route.domain, me, onUnauthorized });
    case 'replay-window':
      return h(ReplayWindowView, {
        key: route.windowId,
        windowId: route.windowId,
        me,
        onUnauthorized,
      });
    case 'replay-player':
      if (location.pathname !== REPLAY_PLAYER_PATH) return null;
      return h(ReplayPlayerView, {
        key: route.recordingId,
        windowId: route.windowId,
        recordingId: route.recordingId,
        me,
        onUnauthorized,
      });
  }
}
