// The "open a replay window" form. A real <form> with labels; the browser's own validation is off
// (noValidate) so that the server's 400 reason is what the admin reads: one rule book, the server's.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import {
  BUILT_IN_DENYLIST,
  REPLAY_LIMITS,
  REPLAY_PURPOSES,
  defaultOpenWindowForm,
  describeUnmaskSelector,
  lines,
  type OpenWindowForm,
} from '../data/replay-form.js';
import { replayApi, type OrgMember, type ReplayWindow } from '../replay-api.js';
import { t, type MessageKey } from '../i18n/t.js';
import { errorText } from './use-load.js';

type Key = keyof OpenWindowForm;

const roleKeys: Record<string, MessageKey> = {
  owner: 'role.owner',
  admin: 'role.admin',
  viewer: 'role.viewer',
};
/** A member's role in words (the form's own entry reads "you", already translated). */
const roleName = (role: string) => (roleKeys[role] ? t(roleKeys[role]) : role);

function TextField(props: {
  form: OpenWindowForm;
  set: (k: Key, v: string) => void;
  name: Key;
  label: string;
  type?: string;
  hint?: string;
  min?: number;
  max?: number;
  step?: string;
}) {
  return h(
    'label',
    { class: 'field' },
    h('span', null, props.label),
    h('input', {
      name: props.name,
      type: props.type ?? 'text',
      min: props.min,
      max: props.max,
      step: props.step,
      value: props.form[props.name] as string,
      onInput: (e: Event) => props.set(props.name, (e.currentTarget as HTMLInputElement).value),
    }),
    props.hint && h('small', { class: 'muted' }, props.hint),
  );
}

function RulesField(props: {
  form: OpenWindowForm;
  set: (k: Key, v: string) => void;
  name: Key;
  label: string;
  hint: string;
}) {
  return h(
    'label',
    { class: 'field' },
    h('span', null, props.label),
    h('textarea', {
      name: props.name,
      rows: 3,
      value: props.form[props.name] as string,
      onInput: (e: Event) => props.set(props.name, (e.currentTarget as HTMLTextAreaElement).value),
    }),
    h('small', { class: 'muted' }, props.hint),
  );
}

function MemberChecklist(props: {
  legend: string;
  name: string;
  members: OrgMember[];
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  return h(
    'fieldset',
    { class: 'field replay-members' },
    h('legend', null, props.legend),
    props.members.map((m) => {
      const id = String(m.userId);
      return h(
        'label',
        { key: id, class: 'toggle' },
        h('input', {
          type: 'checkbox',
          name: props.name,
          value: id,
          checked: props.chosen.includes(id),
          onChange: (e: Event) => {
            const on = (e.currentTarget as HTMLInputElement).checked;
            props.onChange(on ? [...props.chosen, id] : props.chosen.filter((x) => x !== id));
          },
        }),
        h('span', null, h('span', { translate: false }, m.email), ` (${roleName(m.role)})`),
      );
    }),
  );
}

export function ReplayOpenForm(props: {
  domain: string;
  userId: number;
  members: OrgMember[];
  onOpened: (w: ReplayWindow) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(() => defaultOpenWindowForm(Date.now(), String(props.userId)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (k: Key, v: unknown) => setForm((f) => ({ ...f, [k]: v }));
  const field = { form, set };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    replayApi.openWindow(props.domain, form).then(
      (w) => {
        setBusy(false);
        props.onOpened(w);
      },
      (err: unknown) => {
        setBusy(false);
        setError(errorText(err));
      },
    );
  };

  const L = REPLAY_LIMITS;
  return h(
    'form',
    {
      class: 'panel replay-form',
      noValidate: true,
      onSubmit,
      'aria-label': t('replayWindows.open'),
    },
    h('h2', null, t('openForm.title')),
    h('p', { class: 'muted' }, t('openForm.intro')),
    h(
      'div',
      { class: 'replay-grid' },
      h(
        'label',
        { class: 'field' },
        h('span', null, t('openForm.purpose')),
        h(
          'select',
          {
            name: 'purpose',
            value: form.purpose,
            onChange: (e: Event) => set('purpose', (e.currentTarget as HTMLSelectElement).value),
          },
          h('option', { value: '' }, t('openForm.choosePurpose')),
          REPLAY_PURPOSES.map((p) => h('option', { key: p.value, value: p.value }, t(p.label))),
        ),
      ),
      form.purpose === 'other' &&
        h(TextField, { ...field, name: 'purposeText', label: t('openForm.describe') }),
      h(TextField, {
        ...field,
        name: 'ticketUrl',
        type: 'url',
        label: t('openForm.ticket'),
      }),
      h(
        'label',
        { class: 'field' },
        h('span', null, t('rw.owner')),
        h(
          'select',
          {
            name: 'ownerUserId',
            value: form.ownerUserId,
            onChange: (e: Event) =>
              set('ownerUserId', (e.currentTarget as HTMLSelectElement).value),
          },
          props.members.map((m) =>
            h('option', { key: m.userId, value: String(m.userId) }, m.email),
          ),
        ),
      ),
      h(TextField, {
        ...field,
        name: 'startsAt',
        type: 'datetime-local',
        label: t('openForm.start'),
        hint: t('openForm.startHint'),
      }),
      h(TextField, {
        ...field,
        name: 'endsAt',
        type: 'datetime-local',
        label: t('openForm.end'),
        hint: t('openForm.endHint'),
      }),
      h(TextField, {
        ...field,
        name: 'samplePercent',
        type: 'number',
        min: 0,
        max: L.sampleRate.max * 100,
        step: 'any',
        label: t('openForm.sample'),
        hint: t('openForm.sampleHint', {
          standard: L.sampleRate.default * 100,
          max: L.sampleRate.max * 100,
        }),
      }),
      h(TextField, {
        ...field,
        name: 'maxSessions',
        type: 'number',
        min: 1,
        max: L.maxSessions.max,
        label: t('openForm.maxSessions'),
      }),
      h(TextField, {
        ...field,
        name: 'maxMinutesPerRecording',
        type: 'number',
        min: 1,
        max: L.maxMinutesPerRecording.max,
        label: t('openForm.maxMinutes'),
      }),
      h(TextField, {
        ...field,
        name: 'maxPagesPerRecording',
        type: 'number',
        min: 1,
        max: L.maxPagesPerRecording.max,
        label: t('openForm.maxPages'),
      }),
      h(TextField, {
        ...field,
        name: 'retentionDays',
        type: 'number',
        min: 1,
        max: L.retentionDays.max,
        label: t('openForm.retention'),
        hint: t('openForm.retentionHint', {
          standard: L.retentionDays.default,
          max: L.retentionDays.max,
        }),
      }),
    ),
    h(RulesField, {
      ...field,
      name: 'includeRules',
      label: t('openForm.include'),
      hint: t('openForm.includeHint'),
    }),
    h(
      'label',
      { class: 'toggle' },
      h('input', {
        type: 'checkbox',
        name: 'wholeSite',
        checked: form.wholeSite,
        onChange: (e: Event) => set('wholeSite', (e.currentTarget as HTMLInputElement).checked),
      }),
      h('span', null, t('openForm.wholeSite')),
    ),
    h(RulesField, {
      ...field,
      name: 'excludeRules',
      label: t('rw.exclude'),
      hint: t('openForm.excludeHint'),
    }),
    h(
      'div',
      { class: 'field' },
      h('span', null, t('openForm.denylist')),
      h(
        'ul',
        { class: 'replay-chips', 'data-denylist': 'true' },
        // URL words, matched as typed: not translated.
        BUILT_IN_DENYLIST.map((w) => h('li', { key: w, translate: false }, w)),
        h('li', { key: 'token' }, t('openForm.tokenRule')),
      ),
    ),
    h(RulesField, {
      ...field,
      name: 'unmaskSelectors',
      label: t('rw.unmask'),
      hint: t('openForm.unmaskHint'),
    }),
    lines(form.unmaskSelectors).length > 0 &&
      h(
        'ul',
        { class: 'muted', 'data-unmask-preview': 'true' },
        lines(form.unmaskSelectors).map((sel) =>
          h('li', { key: sel }, describeUnmaskSelector(sel)),
        ),
      ),
    h(MemberChecklist, {
      legend: t('openForm.viewers'),
      name: 'viewerUserIds',
      members: props.members.filter((m) => m.userId !== props.userId),
      chosen: form.viewerUserIds,
      onChange: (ids) => set('viewerUserIds', ids),
    }),
    h(
      'label',
      { class: 'toggle' },
      h('input', {
        type: 'checkbox',
        name: 'canary',
        checked: form.canary,
        onChange: (e: Event) => set('canary', (e.currentTarget as HTMLInputElement).checked),
      }),
      h('span', null, t('openForm.canary')),
    ),
    h(
      'label',
      { class: 'toggle' },
      h('input', {
        type: 'checkbox',
        name: 'downloadsAllowed',
        checked: form.downloadsAllowed,
        onChange: (e: Event) =>
          set('downloadsAllowed', (e.currentTarget as HTMLInputElement).checked),
      }),
      h('span', null, t('openForm.downloads')),
    ),
    h(
      'label',
      { class: 'field' },
      h('span', null, t('openForm.hideNotice')),
      h('textarea', {
        name: 'hideNoticeReason',
        maxLength: 500,
        rows: 2,
        value: form.hideNoticeReason,
        placeholder: t('openForm.hideNoticePlaceholder'),
        onInput: (e: Event) =>
          set('hideNoticeReason', (e.currentTarget as HTMLTextAreaElement).value),
      }),
    ),
    error && h('p', { class: 'error', role: 'alert', 'data-form-error': 'true' }, error),
    h(
      'div',
      { class: 'replay-actions' },
      h('button', { type: 'submit', class: 'primary', disabled: busy }, t('openForm.submit')),
      h('button', { type: 'button', class: 'link', onClick: props.onCancel }, t('common.cancel')),
    ),
  );
}
