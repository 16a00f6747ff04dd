// A shared link: the site report, read-only, authorised by the link's token (and its password),
// with the site's name, a "shared, read-only" mark and the link's logo and accent colour.
import { h } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiFailure, type Access, type SiteInfo } from '../api.js';
import { SiteReportView } from './site-report.js';
import { t } from '../i18n/t.js';
import { errorText } from './use-load.js';

export function SharedReportView(props: { site: string; token: string }) {
  const [password, setPassword] = useState<string | undefined>(undefined);
  const [draft, setDraft] = useState('');
  const [info, setInfo] = useState<SiteInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [needsPassword, setNeedsPassword] = useState(false);
  const access = useMemo<Access>(
    () => ({ share: { token: props.token, ...(password ? { password } : {}) } }),
    [props.token, password],
  );

  useEffect(() => {
    let live = true;
    api.siteInfo(props.site, access).then(
      (i) => {
        if (!live) return;
        setNeedsPassword(false);
        setInfo(i);
      },
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiFailure && err.status === 401 && /password/.test(err.message)) {
          setNeedsPassword(true);
          setError(password ? t('share.wrongPassword') : null);
        } else setError(errorText(err));
      },
    );
    return () => {
      live = false;
    };
  }, [props.site, access]);

  if (needsPassword) {
    return h(
      'form',
      {
        class: 'auth panel',
        onSubmit: (e: Event) => {
          e.preventDefault();
          setPassword(draft);
        },
      },
      h('h1', null, t('share.protected')),
      h(
        'label',
        { class: 'field' },
        h('span', null, t('auth.password')),
        h('input', {
          type: 'password',
          name: 'share-password',
          required: true,
          value: draft,
          onInput: (e: Event) => setDraft((e.currentTarget as HTMLInputElement).value),
        }),
      ),
      error && h('p', { class: 'error', role: 'alert' }, error),
      h('button', { type: 'submit', class: 'primary' }, t('share.open')),
    );
  }
  if (error) return h('p', { class: 'error', role: 'alert' }, error);
  if (!info) return h('p', { class: 'muted' }, t('common.loading'));
  return h(SiteReportView, {
    domain: info.domain,
    title: info.name || info.domain,
    access,
    branding: info.share ?? { logoUrl: null, accent: null },
  });
}
