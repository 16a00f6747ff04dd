// Site settings, goals: the site's goals (page pattern, custom event with an optional prop value,
// revenue event in one currency), added and removed by admins. A refusal from the API is shown
// under the field it names (data/goal-form.ts reads the field from the reason).
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { ApiFailure } from '../api.js';
import {
  emptyGoalForm,
  fieldOfReason,
  goalBodyFromForm,
  type GoalField,
  type GoalFormKind,
  type GoalFormText,
} from '../data/goal-form.js';
import { goalsApi, type Goal } from '../goals-api.js';
import { t, type MessageKey } from '../i18n/t.js';
import { ListTable } from './list-table.js';
import { errorText, useAction, useLoad } from './use-load.js';

const kindLabels: Record<GoalFormKind, MessageKey> = {
  page: 'goalsUi.kindPage',
  event: 'goalsUi.kindEvent',
  revenue: 'goalsUi.kindRevenue',
};

/** What a goal matches, in words (visitor-defined values stay text). */
function definition(g: Goal): string {
  if (g.kind === 'page') return t('goalsUi.definesPage', { page: g.page ?? '' });
  if (g.kind === 'revenue') {
    return t('goalsUi.definesRevenue', { event: g.event ?? '', currency: g.currency ?? '' });
  }
  return g.prop
    ? t('goalsUi.definesEventProp', { event: g.event ?? '', key: g.prop.key, value: g.prop.value })
    : t('goalsUi.definesEvent', { event: g.event ?? '' });
}

function GoalForm(props: { domain: string; onAdded: () => void }) {
  const [form, setForm] = useState<GoalFormText>(emptyGoalForm);
  const [problem, setProblem] = useState<{ field: GoalField | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof GoalFormText) => (e: Event) => {
    setProblem(null);
    setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const parsed = goalBodyFromForm(form);
    if (!parsed.ok) {
      setProblem({ field: parsed.field, text: t(parsed.error) });
      return;
    }
    setBusy(true);
    goalsApi.addGoal(props.domain, parsed.body).then(
      () => {
        setBusy(false);
        setForm({ ...emptyGoalForm, kind: form.kind, currency: form.currency });
        props.onAdded();
      },
      (err: unknown) => {
        setBusy(false);
        const field = err instanceof ApiFailure ? fieldOfReason(err.message) : null;
        setProblem({ field, text: errorText(err) });
      },
    );
  };
  const errorOf = (field: GoalField) =>
    problem?.field === field
      ? h(
          'p',
          { class: 'error field-error', id: `goal-${field}-error`, role: 'alert' },
          problem.text,
        )
      : null;
  const input = (field: GoalField, label: MessageKey, extra: Record<string, unknown> = {}) =>
    h(
      'label',
      { class: 'field' },
      h('span', null, t(label)),
      h('input', {
        name: `goal-${field}`,
        value: form[field],
        onInput: set(field),
        'aria-invalid': problem?.field === field ? 'true' : undefined,
        'aria-describedby': problem?.field === field ? `goal-${field}-error` : undefined,
        ...extra,
      }),
      errorOf(field),
    );
  return h(
    'form',
    { class: 'goal-form', onSubmit: submit, 'aria-label': t('goalsUi.add'), 'data-goal-form': '' },
    h(
      'label',
      { class: 'field' },
      h('span', null, t('goalsUi.kind')),
      h(
        'select',
        { name: 'goal-kind', value: form.kind, onChange: set('kind') },
        (Object.keys(kindLabels) as GoalFormKind[]).map((k) =>
          h('option', { key: k, value: k }, t(kindLabels[k])),
        ),
      ),
    ),
    form.kind === 'page' &&
      input('page', 'goalsUi.page', { placeholder: '/thanks*', translate: false }),
    form.kind !== 'page' && input('event', 'goalsUi.event', { placeholder: 'Signup' }),
    form.kind === 'event' && input('prop', 'goalsUi.prop', { placeholder: 'plan=pro' }),
    form.kind === 'revenue' &&
      input('currency', 'goalsUi.currency', { maxLength: 3, translate: false }),
    input('name', 'goalsUi.name', { maxLength: 120 }),
    problem && problem.field === null && h('p', { class: 'error', role: 'alert' }, problem.text),
    h('button', { type: 'submit', class: 'primary', disabled: busy }, t('goalsUi.add')),
  );
}

export function GoalSettings(props: { domain: string; canEdit: boolean }) {
  const goals = useLoad(() => goalsApi.goals(props.domain), [props.domain]);
  const action = useAction();
  const remove = (name: string) =>
    action.run(async () => {
      await goalsApi.removeGoal(props.domain, name);
      goals.reload();
    });
  return h(
    'section',
    { class: 'panel settings-section', 'aria-labelledby': 'goals-title', 'data-goal-settings': '' },
    h('h2', { id: 'goals-title' }, t('goalsUi.title')),
    h('p', { class: 'muted' }, t('goalsUi.intro')),
    goals.error && h('p', { class: 'error', role: 'alert' }, goals.error),
    goals.data &&
      h(ListTable<Goal>, {
        rows: goals.data,
        empty: t('goalsUi.none'),
        rowKey: (g) => g.name,
        row: (g) => ({ 'data-goal': g.name }),
        columns: [
          {
            label: t('goalsUi.name'),
            td: { class: 'wrap', translate: false },
            cell: (g) => g.name,
          },
          { label: t('goalsUi.kind'), cell: (g) => t(kindLabels[g.kind]) },
          { label: t('goalsUi.matches'), td: { class: 'wrap' }, cell: definition },
        ],
        actions: (g) =>
          props.canEdit &&
          h(
            'button',
            {
              type: 'button',
              class: 'secondary danger',
              'aria-label': t('goalsUi.removeNamed', { name: g.name }),
              'data-remove-goal': g.name,
              onClick: () => remove(g.name),
            },
            t('goalsUi.remove'),
          ),
      }),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
    props.canEdit && h(GoalForm, { domain: props.domain, onAdded: goals.reload }),
  );
}
