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

type Key = keyof OpenWindowForm;

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
        h('span', null, `${m.email} (${m.role})`),
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
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };

  const L = REPLAY_LIMITS;
  return h(
    'form',
    { class: 'panel replay-form', noValidate: true, onSubmit, 'aria-label': 'Open a window' },
    h('h2', null, 'Open a replay window'),
    h(
      'p',
      { class: 'muted' },
      'Purpose, owner and ticket are fixed once the window opens: a new purpose is a new window. ',
      'Replay is never for marketing or retargeting.',
    ),
    h(
      'div',
      { class: 'replay-grid' },
      h(
        'label',
        { class: 'field' },
        h('span', null, 'Purpose (required)'),
        h(
          'select',
          {
            name: 'purpose',
            value: form.purpose,
            onChange: (e: Event) => set('purpose', (e.currentTarget as HTMLSelectElement).value),
          },
          h('option', { value: '' }, 'Choose a purpose…'),
          REPLAY_PURPOSES.map((p) => h('option', { key: p.value, value: p.value }, p.label)),
        ),
      ),
      form.purpose === 'other' &&
        h(TextField, { ...field, name: 'purposeText', label: 'Describe the purpose' }),
      h(TextField, {
        ...field,
        name: 'ticketUrl',
        type: 'url',
        label: 'Ticket link (optional)',
      }),
      h(
        'label',
        { class: 'field' },
        h('span', null, 'Owner'),
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
        label: 'Start',
        hint: 'Empty: now',
      }),
      h(TextField, {
        ...field,
        name: 'endsAt',
        type: 'datetime-local',
        label: 'Hard end (required)',
        hint: 'Default 24 h, at most 14 days after the start. The window closes itself then.',
      }),
      h(TextField, {
        ...field,
        name: 'samplePercent',
        type: 'number',
        min: 0,
        max: L.sampleRate.max * 100,
        step: 'any',
        label: 'Sample rate (%)',
        hint: `Share of visits recorded; default ${L.sampleRate.default * 100} %, at most ${L.sampleRate.max * 100} %.`,
      }),
      h(TextField, {
        ...field,
        name: 'maxSessions',
        type: 'number',
        min: 1,
        max: L.maxSessions.max,
        label: 'Recordings per window (cap)',
      }),
      h(TextField, {
        ...field,
        name: 'maxMinutesPerRecording',
        type: 'number',
        min: 1,
        max: L.maxMinutesPerRecording.max,
        label: 'Minutes per recording (cap)',
      }),
      h(TextField, {
        ...field,
        name: 'maxPagesPerRecording',
        type: 'number',
        min: 1,
        max: L.maxPagesPerRecording.max,
        label: 'Pages per recording (cap)',
      }),
      h(TextField, {
        ...field,
        name: 'retentionDays',
        type: 'number',
        min: 1,
        max: L.retentionDays.max,
        label: 'Retention after the end (days)',
        hint: `Default ${L.retentionDays.default}, at most ${L.retentionDays.max}; then the window's key is destroyed.`,
      }),
    ),
    h(RulesField, {
      ...field,
      name: 'includeRules',
      label: 'Include rules (required)',
      hint: 'One URL path pattern per line, e.g. /signup-form or /help/*. Only these pages are recorded.',
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
      h(
        'span',
        null,
        'Record the whole site: needed for a rule such as / or /** that covers every page (shown as "whole site" everywhere)',
      ),
    ),
    h(RulesField, {
      ...field,
      name: 'excludeRules',
      label: 'Exclude rules',
      hint: 'One per line, on top of the built-in denylist below.',
    }),
    h(
      'div',
      { class: 'field' },
      h('span', null, 'Built-in denylist (always on, cannot be removed)'),
      h(
        'ul',
        { class: 'replay-chips', 'data-denylist': 'true' },
        BUILT_IN_DENYLIST.map((w) => h('li', { key: w }, w)),
        h('li', { key: 'token' }, 'any URL with a token-like parameter'),
      ),
    ),
    h(RulesField, {
      ...field,
      name: 'unmaskSelectors',
      label: 'Unmask selectors',
      hint: 'Default none. One per line: a class (.faq-answer), an id (#total), a data attribute ([data-pomelo-unmask]) or a tag with one of these (button.primary). Refused: *, a bare tag (div, p, body …), combinators (.a .b, >), pseudo-classes (:not()). Inputs are never unmasked. Listed in the record of processing.',
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
      legend: 'Named viewers (only they can play recordings; you cannot name yourself)',
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
      h('span', null, 'Plant a canary marker (if it ever arrives unmasked, masking is broken)'),
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
      h(
        'span',
        null,
        'Allow raw downloads (window owner only; each download needs a reason and is audited)',
      ),
    ),
    h(
      'label',
      { class: 'field' },
      h(
        'span',
        null,
        'Hide the on-page notice — only with a written reason (in the record of processing)',
      ),
      h('textarea', {
        name: 'hideNoticeReason',
        maxLength: 500,
        rows: 2,
        value: form.hideNoticeReason,
        placeholder: 'Leave empty to show the notice to recorded visitors (recommended)',
        onInput: (e: Event) =>
          set('hideNoticeReason', (e.currentTarget as HTMLTextAreaElement).value),
      }),
    ),
    error && h('p', { class: 'error', role: 'alert', 'data-form-error': 'true' }, error),
    h(
      'div',
      { class: 'replay-actions' },
      h('button', { type: 'submit', class: 'primary', disabled: busy }, 'Open window'),
      h('button', { type: 'button', class: 'link', onClick: props.onCancel }, 'Cancel'),
    ),
  );
}
