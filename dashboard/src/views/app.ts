// The application shell: follows the hash route, checks the session, and shows one view at a time
// (a view's chart is destroyed when the view leaves).
import { RollupView } from './rollup.js';
import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiFailure, type Me } from '../api.js';
import { currentRoute, hrefOf, navigate, type Route } from '../router.js';
import { AccountLinks, AdminRouteView, isAdminRoute } from './admin-route.js';
import { LoginView, SetupView } from './auth.js';
import { InviteView } from './invite.js';
import { OverviewView } from './overview.js';
import { ReplayRouteView, isReplayRoute, keepPlayerDocumentApart } from './replay-route.js';
import { SecondFactorView } from './second-factor.js';
import { SharedReportView } from './shared-report.js';
import { SiteReportView } from './site-report.js';
import { adoptAccountLocale, getLang, onLangChange, type Lang } from '../i18n/locale.js';
import { t } from '../i18n/t.js';
import { LanguageMenu } from './language-menu.js';

/** Routes a member who must enrol still reaches: enrolment itself, invitations, shared links. */
const enrolExempt = new Set<Route['name']>(['second-factor', 'invite', 'share']);

type Session = { state: 'checking' } | { state: 'out' } | { state: 'in'; me: Me };

export function App() {
  const [route, setRoute] = useState<Route>(currentRoute);
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [lang, setLangState] = useState<Lang>(getLang);
  useEffect(() => onLangChange(setLangState), []);

  useEffect(() => {
    const onHash = () => setRoute(currentRoute());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => void keepPlayerDocumentApart(route), [route]);

  const checkSession = useCallback(async () => {
    try {
      const me = await api.me();
      adoptAccountLocale(me.user.locale);
      setSession({ state: 'in', me });
    } catch (err) {
      if (!(err instanceof ApiFailure) || err.status !== 401) throw err;
      setSession({ state: 'out' });
      const setup = await api.setupNeeded().catch(() => ({ needed: false }));
      const now = currentRoute();
      if (now.name !== 'setup' && now.name !== 'share' && now.name !== 'invite') {
        navigate(setup.needed ? { name: 'setup', token: '' } : { name: 'login' });
      }
    }
  }, []);

  // Shared links need no session; any other view checks it once (also after leaving a share view).
  const needsSession = route.name !== 'share' && session.state === 'checking';
  useEffect(() => {
    if (needsSession) void checkSession();
  }, [needsSession]);

  const signedIn = () => {
    void checkSession().then(() => {
      const now = currentRoute().name;
      if (now === 'login' || now === 'setup') navigate({ name: 'overview' });
    });
  };
  const signedOut = () => {
    setSession({ state: 'out' });
    navigate({ name: 'login' });
  };
  const logout = () => void api.logout().finally(signedOut);

  // An org requires a second factor this user has not set up: nothing else until they enrol
  // (the server refuses the org's API calls with 403 second_factor_required anyway).
  const mustEnrol = session.state === 'in' && (session.me.secondFactorRequiredBy?.length ?? 0) > 0;
  useEffect(() => {
    if (mustEnrol && !enrolExempt.has(route.name)) navigate({ name: 'second-factor' });
  }, [mustEnrol, route.name]);

  let view;
  const shown: Route =
    mustEnrol && !enrolExempt.has(route.name) ? { name: 'second-factor' } : route;
  switch (shown.name) {
    case 'login':
      view = h(LoginView, { onSignedIn: signedIn });
      break;
    case 'setup':
      view = h(SetupView, { token: shown.token, onDone: signedIn });
      break;
    case 'share':
      view = h(SharedReportView, { key: shown.token, site: shown.site, token: shown.token });
      break;
    case 'overview':
      view =
        session.state === 'in'
          ? h(OverviewView, { me: session.me, onUnauthorized: signedOut })
          : session.state === 'out'
            ? h(LoginView, { onSignedIn: signedIn })
            : null;
      break;
    case 'rollup':
      view =
        session.state === 'in'
          ? h(RollupView, {
              key: hrefOf(shown),
              selection: shown.selection,
              onUnauthorized: signedOut,
            })
          : session.state === 'out'
            ? h(LoginView, { onSignedIn: signedIn })
            : null;
      break;
    case 'site':
      view =
        session.state === 'in'
          ? h(SiteReportView, {
              key: shown.domain,
              domain: shown.domain,
              onUnauthorized: signedOut,
            })
          : session.state === 'out'
            ? h(LoginView, { onSignedIn: signedIn })
            : null;
      break;
    case 'replay':
    case 'replay-window':
    case 'replay-player':
      view =
        session.state === 'in' && isReplayRoute(shown)
          ? h(ReplayRouteView, { route: shown, me: session.me, onUnauthorized: signedOut })
          : session.state === 'out'
            ? h(LoginView, { onSignedIn: signedIn })
            : null;
      break;
    case 'realtime':
    case 'settings':
    case 'members':
    case 'audit':
    case 'api-keys':
      view =
        session.state === 'in' && isAdminRoute(shown)
          ? h(AdminRouteView, { route: shown, me: session.me, onUnauthorized: signedOut })
          : session.state === 'out'
            ? h(LoginView, { onSignedIn: signedIn })
            : null;
      break;
    case 'second-factor':
      view =
        session.state === 'in'
          ? h(SecondFactorView, {
              required: mustEnrol,
              onChanged: () => void checkSession(),
              onUnauthorized: signedOut,
            })
          : session.state === 'out'
            ? h(LoginView, { onSignedIn: signedIn })
            : null;
      break;
    case 'invite':
      view =
        session.state === 'checking'
          ? null
          : h(InviteView, {
              token: shown.token,
              signedIn: session.state === 'in',
              onJoined: () => {
                setSession({ state: 'checking' });
                navigate({ name: 'overview' });
              },
            });
      break;
    case 'not-found':
      view = h(
        'p',
        null,
        t('app.noSuchPage'),
        ' ',
        h('a', { href: hrefOf({ name: 'overview' }) }, t('app.backToSites')),
      );
      break;
  }

  return h(
    'div',
    // Keyed by language: a switch re-renders every view in the new language.
    { class: 'shell', key: lang },
    h(
      'header',
      { class: 'topbar' },
      h('a', { class: 'brand', href: route.name === 'share' ? undefined : '#/' }, t('app.brand')),
      h(LanguageMenu, null),
      route.name !== 'share' &&
        session.state === 'in' &&
        h(
          'nav',
          { class: 'account', 'aria-label': t('app.account') },
          h('a', { href: '#/' }, t('app.sites')),
          !mustEnrol && h(AccountLinks, { me: session.me }),
          h('a', { href: hrefOf({ name: 'second-factor' }) }, t('app.secondFactor')),
          h('span', { class: 'muted email', translate: false }, session.me.user.email),
          h('button', { type: 'button', class: 'link', onClick: logout }, t('app.signOut')),
        ),
    ),
    h('main', { id: 'content' }, view),
  );
}
