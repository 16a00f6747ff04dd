// Adding a site from the overview (admins and owners): domain (a pasted address keeps its host),
// timezone (searchable, the browser's zone preselected), organisation; then its settings page.
// A refusal is shown under the field it concerns, in the API's (and the CLI's) words.
import { h } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { adminApi } from '../admin-api.js';
import { ApiFailure, type Me } from '../api.js';
import {
  fieldOfApiError,
  hostFromInput,
  resolveTimezone,
  searchTimezones,
  type SiteField,
} from '../data/add-site-form.js';
import { hrefOf } from '../router.js';
import { errorText } from './use-load.js';
import { t } from '../i18n/t.js';

/** Every zone the browser knows (418 in Chromium), UTC included. */
function knownZones(): string[] {
  const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf;
  const zones = all ? all('timeZone') : [];
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}

function Field(props: {
  name: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  hint?: string | null;
  error?: string | null;
  list?: string;
}) {
  const hintId = `add-site-${props.name}-hint`;
  const errorId = `add-site-${props.name}-error`;
  const described = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean);
  return h(
    'label',
    { class: 'field' },
    h('span', null, props.label),
    h('input', {
      name: props.name,
      required: true,
      autocomplete: 'off',
      spellcheck: false,
      value: props.value,
      list: props.list,
      'aria-invalid': props.error ? 'true' : undefined,
      'aria-describedby': described.length > 0 ? described.join(' ') : undefined,
      onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
    }),
    props.hint && h('span', { id: hintId, class: 'muted field-hint' }, props.hint),
    props.error &&
      h(
        'span',
        { id: errorId, class: 'error field-error', 'data-error-for': props.name },
        props.error,
      ),
  );
}

export function AddSite(props: { me: Me }) {
  const orgs = props.me.orgs.filter((o) => o.role === 'owner' || o.role === 'admin');
  const zones = useMemo(knownZones, []);
  const [open, setOpen] = useState(false);
  const [domain, setDomain] = useState('');
  const [timezone, setTimezone] = useState(
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  );
  const [orgId, setOrgId] = useState(orgs[0]?.id ?? 0);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<SiteField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  if (orgs.length === 0) return null;
  if (!open) {
    return h(
      'button',
      { type: 'button', class: 'secondary', onClick: () => setOpen(true) },
      t('addSite.open'),
    );
  }
  const host = hostFromInput(domain);
  const zone = resolveTimezone(timezone, zones);
  const onSubmit = (e: Event) => {
    e.preventDefault();
    setFormError(null);
    // A zone the list cannot name is refused here, in the server's words.
    if (!zone) {
      setErrors({ timezone: t('addSite.unknownZone') });
      return;
    }
    setErrors({});
    setBusy(true);
    adminApi.createSite(orgId, { domain: host, timezone: zone }).then(
      (site) => {
        location.hash = hrefOf({ name: 'settings', domain: site.domain });
      },
      (err: unknown) => {
        setBusy(false);
        const where = err instanceof ApiFailure ? fieldOfApiError(err.message) : null;
        if (where) setErrors({ [where.field]: where.reason });
        else setFormError(errorText(err));
      },
    );
  };
  const matches = searchTimezones(timezone, zones, 8);
  return h(
    'form',
    { class: 'panel inline-form add-site', onSubmit, 'aria-label': t('addSite.open') },
    h(Field, {
      name: 'domain',
      label: t('addSite.domain'),
      value: domain,
      onInput: setDomain,
      // A pasted address: say which host will be added.
      hint: host && host !== domain.trim() ? t('addSite.willAdd', { host }) : null,
      error: errors.domain,
    }),
    h(Field, {
      name: 'timezone',
      label: t('addSite.timezone'),
      value: timezone,
      onInput: setTimezone,
      list: 'add-site-zones',
      hint:
        zone && zone !== timezone
          ? t('addSite.zoneFound', { zone })
          : !zone && matches.length > 0
            ? t('addSite.zoneChoose', { zones: matches.slice(0, 3).join(', ') })
            : null,
      error: errors.timezone,
    }),
    // The browser's own search over every zone (it filters as one types).
    h(
      'datalist',
      { id: 'add-site-zones' },
      zones.map((z) => h('option', { key: z, value: z })),
    ),
    orgs.length > 1 &&
      h(
        'label',
        { class: 'field' },
        h('span', null, t('common.organisation')),
        h(
          'select',
          {
            value: String(orgId),
            onChange: (e: Event) => setOrgId(Number((e.currentTarget as HTMLSelectElement).value)),
          },
          orgs.map((o) =>
            h('option', { key: o.id, value: String(o.id), translate: false }, o.name),
          ),
        ),
      ),
    h('button', { type: 'submit', class: 'primary', disabled: busy }, t('addSite.submit')),
    h(
      'button',
      { type: 'button', class: 'secondary', onClick: () => setOpen(false) },
      t('common.cancel'),
    ),
    formError && h('p', { class: 'error', role: 'alert' }, formError),
  );
}
