// The language menu: a labelled <select> of the languages the dashboard speaks, each named in
// itself. The choice applies at once and is remembered (persistLocale).
import { h } from 'preact';
import { api } from '../api.js';
import { offered } from '../i18n/catalogs.js';
import { getLang, intlLocale, persistLocale, setLang, type Lang } from '../i18n/locale.js';
import { t } from '../i18n/t.js';

export function LanguageMenu() {
  const lang = getLang();
  return h(
    'label',
    { class: 'language-menu' },
    h('span', { class: 'visually-hidden' }, t('language.label')),
    h(
      'select',
      {
        name: 'lang',
        'aria-label': t('language.label'),
        value: lang,
        onChange: (e: Event) => {
          const next = (e.currentTarget as HTMLSelectElement).value as Lang;
          persistLocale(next, (l) => api.setLocale(l));
          void setLang(next);
        },
      },
      // The pseudo-locale is never offered, but stays shown while it is in use.
      [...offered, ...(offered.includes(lang as (typeof offered)[number]) ? [] : [lang])].map((l) =>
        h('option', { key: l, value: l, lang: intlLocale(l) }, t('language.self', {}, l)),
      ),
    ),
  );
}
