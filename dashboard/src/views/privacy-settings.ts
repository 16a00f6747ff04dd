// A site's privacy settings (admins): Global Privacy Control, the public privacy report, and the
// report itself — "What Pomelo stores about your visitors" — to open or download in a language.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { adminApi, type SiteSettings } from '../admin-api.js';
import { offered } from '../i18n/catalogs.js';
import { getLang, intlLocale } from '../i18n/locale.js';
import { t } from '../i18n/t.js';
import { useAction } from './use-load.js';

/** The languages the server writes documents in (server/i18n/locale.ts): the menu's. */
const reportLangs = offered;

export function PrivacySection(props: {
  site: SiteSettings;
  canEdit: boolean;
  onSaved: (s: SiteSettings) => void;
}) {
  const action = useAction();
  const current = getLang();
  const [lang, setLang] = useState<string>(
    props.site.language ?? ((reportLangs as readonly string[]).includes(current) ? current : 'en'),
  );
  const site = props.site;
  const report = (format: 'html' | 'md') =>
    `/api/sites/${encodeURIComponent(site.domain)}/privacy-report?format=${format}&lang=${lang}`;
  const publicUrl = `${location.origin}/privacy/${site.domain}`;
  const toggle = (field: 'honourGpc' | 'publicPrivacyReport') => (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement).checked;
    action.run(async () =>
      props.onSaved(await adminApi.updateSite(site.domain, { [field]: value })),
    );
  };
  return h(
    'section',
    { class: 'panel settings-section', 'aria-labelledby': 'privacy-title', 'data-privacy': 'true' },
    h('h2', { id: 'privacy-title' }, t('privacy.title')),
    h('p', { class: 'muted' }, t('privacy.intro')),
    h(
      'label',
      { class: 'toggle' },
      h('input', {
        type: 'checkbox',
        name: 'honourGpc',
        checked: site.honourGpc,
        disabled: !props.canEdit || action.busy,
        onChange: toggle('honourGpc'),
      }),
      h('span', null, t('privacy.gpc')),
    ),
    h(
      'label',
      { class: 'toggle' },
      h('input', {
        type: 'checkbox',
        name: 'publicPrivacyReport',
        checked: site.publicPrivacyReport,
        disabled: !props.canEdit || action.busy,
        onChange: toggle('publicPrivacyReport'),
      }),
      h('span', null, t('privacy.public')),
    ),
    h(
      'label',
      { class: 'field' },
      h('span', null, t('privacy.siteLanguage')),
      h(
        'select',
        {
          name: 'siteLanguage',
          value: site.language,
          disabled: !props.canEdit || action.busy,
          onChange: (e: Event) => {
            const language = (e.currentTarget as HTMLSelectElement).value;
            action.run(async () =>
              props.onSaved(await adminApi.updateSite(site.domain, { language })),
            );
          },
        },
        reportLangs.map((l) =>
          h('option', { key: l, value: l, lang: intlLocale(l) }, t('language.self', {}, l)),
        ),
      ),
    ),
    site.publicPrivacyReport &&
      h(
        'p',
        null,
        h('a', { href: publicUrl, 'data-public-report': 'true', translate: false }, publicUrl),
      ),
    h(
      'div',
      { class: 'row' },
      h(
        'label',
        { class: 'field inline' },
        h('span', null, t('privacy.language')),
        h(
          'select',
          {
            name: 'reportLang',
            value: lang,
            onChange: (e: Event) => setLang((e.currentTarget as HTMLSelectElement).value),
          },
          reportLangs.map((l) =>
            h('option', { key: l, value: l, lang: intlLocale(l) }, t('language.self', {}, l)),
          ),
        ),
      ),
      h(
        'a',
        { class: 'button secondary', href: report('html'), target: '_blank', rel: 'noopener' },
        t('privacy.open'),
      ),
      h(
        'a',
        { class: 'button secondary', href: report('md'), download: '' },
        t('privacy.markdown'),
      ),
    ),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
  );
}
