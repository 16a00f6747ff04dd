// Editing a shared link's branding after its creation (issue 19): logo, accent colour and the
// origins allowed to embed it. Save sends the whole form, Clear removes all three; a refusal (the
// form's own check or the API's) is shown under its field, in the catalog's words.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { adminApi, type SharedLink } from '../admin-api.js';
import { ApiFailure } from '../api.js';
import {
  brandingBodyFromForm,
  brandingFormOf,
  brandingProblemOfReason,
  clearedBranding,
  type BrandingBody,
  type BrandingField,
  type BrandingFormText,
} from '../data/branding-form.js';
import { t } from '../i18n/t.js';
import { errorText } from './use-load.js';

type Problem = { field: BrandingField | null; text: string };

export function LinkBranding(props: {
  domain: string;
  link: SharedLink;
  onSaved: () => void;
  onClose: () => void;
}) {
  const [form, setForm] = useState<BrandingFormText>(() => brandingFormOf(props.link));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const edit = (patch: Partial<BrandingFormText>) => {
    setProblem(null);
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  const send = (body: BrandingBody) => {
    setBusy(true);
    setSaved(false);
    adminApi.updateSharedLinkBranding(props.domain, props.link.id, body).then(
      (link) => {
        setBusy(false);
        setForm(brandingFormOf(link));
        setSaved(true);
        props.onSaved();
      },
      (err: unknown) => {
        setBusy(false);
        const known = err instanceof ApiFailure ? brandingProblemOfReason(err.message) : null;
        setProblem(
          known
            ? { field: known.field, text: t(known.error) }
            : { field: null, text: errorText(err) },
        );
      },
    );
  };
  const save = (e: Event) => {
    e.preventDefault();
    const read = brandingBodyFromForm(form);
    if (!read.ok) setProblem({ field: read.field, text: t(read.error) });
    else send(read.body);
  };
  const id = (field: BrandingField) => `branding-${field}-error`;
  const invalid = (field: BrandingField) =>
    problem?.field === field
      ? { 'aria-invalid': 'true', 'aria-describedby': id(field) }
      : { 'aria-invalid': undefined, 'aria-describedby': undefined };
  const errorOf = (field: BrandingField) =>
    problem?.field === field &&
    h('p', { class: 'error field-error', id: id(field), role: 'alert' }, problem.text);
  const name = props.link.label || t('links.noLabel');
  return h(
    'form',
    {
      class: 'inline-form link-branding',
      onSubmit: save,
      'aria-label': t('linkBranding.formLabel', { name }),
      'data-branding-form': props.link.id,
    },
    h('h3', null, t('linkBranding.formLabel', { name })),
    h(
      'label',
      { class: 'field' },
      h('span', null, t('links.logo')),
      h('input', {
        name: 'branding-logo',
        type: 'url',
        value: form.logoUrl,
        onInput: (e: Event) => edit({ logoUrl: (e.currentTarget as HTMLInputElement).value }),
        ...invalid('logo'),
      }),
      errorOf('logo'),
    ),
    h(
      'label',
      { class: 'field inline' },
      h('input', {
        type: 'checkbox',
        name: 'branding-use-accent',
        checked: form.useAccent,
        onChange: (e: Event) => edit({ useAccent: (e.currentTarget as HTMLInputElement).checked }),
      }),
      h('span', null, t('links.useAccent')),
    ),
    form.useAccent &&
      h(
        'label',
        { class: 'field inline' },
        h('span', null, t('links.accent')),
        h('input', {
          type: 'color',
          name: 'branding-accent',
          value: form.accent,
          onInput: (e: Event) => edit({ accent: (e.currentTarget as HTMLInputElement).value }),
          ...invalid('accent'),
        }),
        errorOf('accent'),
      ),
    h(
      'label',
      { class: 'field' },
      h('span', null, t('links.frameAncestors')),
      h('textarea', {
        name: 'branding-origins',
        rows: 3,
        value: form.origins,
        onInput: (e: Event) => edit({ origins: (e.currentTarget as HTMLTextAreaElement).value }),
        ...invalid('origins'),
      }),
      errorOf('origins'),
    ),
    problem?.field === null && h('p', { class: 'error', role: 'alert' }, problem.text),
    h(
      'p',
      { class: 'muted', role: 'status', 'data-branding-saved': saved },
      saved ? t('linkBranding.saved') : '',
    ),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'primary', disabled: busy }, t('linkBranding.save')),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          disabled: busy,
          'data-branding-clear': 'true',
          onClick: () => send(clearedBranding),
        },
        t('linkBranding.clear'),
      ),
      h(
        'button',
        { type: 'button', class: 'secondary', onClick: props.onClose },
        t('linkBranding.close'),
      ),
    ),
  );
}
