// Site settings: the tracker snippet with a copy button, the install check, the site's fields
// (admins and owners may change them) and its shared links.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { adminApi, type SiteSettings } from '../admin-api.js';
import type { Me } from '../api.js';
import { sitePatchFromForm, type SiteFormText } from '../data/site-form.js';
import { trackerSnippet } from '../data/snippet.js';
import { CopyButton } from './copy-button.js';
import { DeleteSite } from './delete-site.js';
import { GoalSettings } from './goal-settings.js';
import { MailSection } from './mail-settings.js';
import { ImportsSection } from './imports.js';
import { PrivacySection } from './privacy-settings.js';
import { SharedLinks } from './shared-links.js';
import { SiteNav } from './site-nav.js';
import { useAction, useLoad } from './use-load.js';
import { InstallOutcomes } from './install-outcomes.js';
import { t, type MessageKey } from '../i18n/t.js';
import { formatDateTime } from '../data/format.js';

function timezones(current: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const list = intl.supportedValuesOf?.('timeZone') ?? [];
  return list.includes(current) ? list : [current, ...list];
}

function InstallSection(props: { domain: string; ignoreGpc: boolean }) {
  const [files, setFiles] = useState(false);
  const status = useLoad(() => adminApi.installStatus(props.domain), [props.domain]);
  const snippet = trackerSnippet(location.origin, props.domain, files, props.ignoreGpc);
  const s = status.data;
  return h(
    'section',
    { class: 'panel settings-section', 'aria-labelledby': 'install-title' },
    h('h2', { id: 'install-title' }, t('settings.installTitle')),
    h('p', { class: 'muted' }, t('settings.paste')),
    h(
      'pre',
      { class: 'snippet' },
      h('code', { 'data-snippet': 'true', translate: false }, snippet),
    ),
    h(
      'div',
      { class: 'row' },
      h(CopyButton, { text: snippet, label: t('settings.copySnippet'), name: 'snippet' }),
      h(
        'label',
        { class: 'toggle' },
        h('input', {
          type: 'checkbox',
          checked: files,
          onChange: (e: Event) => setFiles((e.currentTarget as HTMLInputElement).checked),
        }),
        h('span', null, t('settings.files')),
      ),
    ),
    h(
      'div',
      { class: 'install-check', 'data-installed': s ? String(s.installed) : 'unknown' },
      h('h3', null, t('settings.installCheck')),
      status.error && h('p', { class: 'error', role: 'alert' }, status.error),
      s &&
        (s.installed
          ? h(
              'p',
              { class: 'good', 'data-install-status': 'installed' },
              s.first_event_hour
                ? t('settings.receivingHour', { when: formatDateTime(s.first_event_hour) })
                : t('settings.receivingSince', { day: s.first_day }),
            )
          : h('p', { class: 'muted', 'data-install-status': 'waiting' }, t('settings.noEvent'))),
      s && h('p', { class: 'muted' }, t('settings.recent', { count: s.recent_pageviews })),
      s?.recent && h(InstallOutcomes, { recent: s.recent }),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'data-install-recheck': 'true',
          onClick: status.reload,
        },
        t('settings.checkAgain'),
      ),
    ),
  );
}

function SiteForm(props: {
  site: SiteSettings;
  canEdit: boolean;
  onSaved: (s: SiteSettings) => void;
}) {
  const initial = (s: SiteSettings): SiteFormText => ({
    name: s.name,
    timezone: s.timezone,
    excludedPaths: s.excludedPaths.join('\n'),
    cardinalityCap: s.cardinalityCap === null ? '' : String(s.cardinalityCap),
    retentionMonths: String(s.retentionMonths),
  });
  const [form, setForm] = useState<SiteFormText>(() => initial(props.site));
  const [saved, setSaved] = useState(false);
  const action = useAction();
  useEffect(() => setForm(initial(props.site)), [props.site]);
  const set = (k: keyof SiteFormText) => (e: Event) => {
    setSaved(false);
    setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  };
  const onSubmit = (e: Event) => {
    e.preventDefault();
    const parsed = sitePatchFromForm(form);
    if (!parsed.ok) {
      action.setError(parsed.error);
      return;
    }
    action.run(async () => {
      props.onSaved(await adminApi.updateSite(props.site.domain, parsed.body));
      setSaved(true);
    });
  };
  const field = (label: string, k: keyof SiteFormText, extra: Record<string, unknown> = {}) =>
    h(
      'label',
      { class: 'field' },
      h('span', null, label),
      h('input', { name: k, value: form[k], onInput: set(k), disabled: !props.canEdit, ...extra }),
    );
  return h(
    'form',
    { class: 'panel settings-section', onSubmit, 'aria-labelledby': 'site-title' },
    h('h2', { id: 'site-title' }, t('overview.site')),
    !props.canEdit && h('p', { class: 'muted' }, t('settings.onlyAdmins')),
    h(
      'p',
      { class: 'muted' },
      t('settings.domain'),
      ' ',
      h('strong', null, props.site.domain),
      ' ',
      t('settings.cannotChange'),
    ),
    field(t('settings.name'), 'name', { required: true, maxLength: 200 }),
    h(
      'label',
      { class: 'field' },
      h('span', null, t('settings.timezone')),
      h(
        'select',
        {
          name: 'timezone',
          value: form.timezone,
          onChange: set('timezone'),
          disabled: !props.canEdit,
        },
        timezones(props.site.timezone).map((tz) =>
          h('option', { key: tz, value: tz, translate: false }, tz),
        ),
      ),
    ),
    h(
      'label',
      { class: 'field' },
      h('span', null, t('settings.excluded')),
      h('textarea', {
        name: 'excludedPaths',
        rows: 4,
        value: form.excludedPaths,
        onInput: set('excludedPaths'),
        disabled: !props.canEdit,
      }),
    ),
    field(t('settings.cap'), 'cardinalityCap', {
      inputMode: 'numeric',
    }),
    field(t('settings.retention'), 'retentionMonths', {
      inputMode: 'numeric',
      required: true,
    }),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
    saved && h('p', { class: 'good', role: 'status' }, t('settings.saved')),
    props.canEdit &&
      h('button', { type: 'submit', class: 'primary', disabled: action.busy }, t('settings.save')),
  );
}

export function SettingsView(props: { domain: string; me: Me; onUnauthorized: () => void }) {
  const loaded = useLoad(() => adminApi.site(props.domain), [props.domain], props.onUnauthorized);
  const [site, setSite] = useState<SiteSettings | null>(null);
  useEffect(() => setSite(loaded.data), [loaded.data]);
  const role = props.me.orgs.find((o) => o.id === site?.orgId)?.role;
  const canEdit = role === 'owner' || role === 'admin';
  return h(
    'div',
    { class: 'settings', 'data-loaded': site ? 'true' : 'false' },
    h(SiteNav, { domain: props.domain, current: 'settings' }),
    h(
      'header',
      { class: 'view-header' },
      h('h1', null, t('settings.title', { site: site?.name || props.domain })),
    ),
    loaded.error && h('p', { class: 'error', role: 'alert' }, loaded.error),
    h(InstallSection, { domain: props.domain, ignoreGpc: site?.honourGpc === false }),
    site && h(SiteForm, { site, canEdit, onSaved: setSite }),
    site && h(PrivacySection, { site, canEdit, onSaved: setSite }),
    site && h(GoalSettings, { domain: props.domain, canEdit }),
    site && canEdit && h(SharedLinks, { domain: props.domain }),
    site && canEdit && h(MailSection, { domain: props.domain }),
    site && canEdit && h(ImportsSection, { domain: props.domain }),
    site &&
      role === 'owner' &&
      h(DeleteSite, { domain: site.domain, onDeleted: () => (location.hash = '#/') }),
  );
}
