// Annotations under the report's chart: the notes of the range (the site's and its organisation's)
// as a list of text — the chart marks their days — and, for admins, adding a note to this site or
// to every site of the organisation, and removing one. Shared links and viewers read only.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { adminApi } from '../admin-api.js';
import { api, type Access, type RangeQuery } from '../api.js';
import { formatDay } from '../data/goals.js';
import { goalsApi, type Annotation } from '../goals-api.js';
import { intlLocale } from '../i18n/locale.js';
import { t } from '../i18n/t.js';
import { errorText, useAction } from './use-load.js';

/** The notes of the range, with a reload for after a change. */
export function useAnnotations(domain: string, range: RangeQuery, access: Access | undefined) {
  const [list, setList] = useState<Annotation[]>([]);
  const [round, setRound] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    goalsApi.annotations(domain, range, access).then(
      (a) => {
        if (!live) return;
        setError(null);
        setList(a);
      },
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [domain, range, access, round]);
  return { list, error, reload: () => setRound((r) => r + 1) };
}

/** The site's organisation when the signed-in user is one of its admins, else null. */
function useAdminOrg(domain: string, shared: boolean): number | null {
  const [orgId, setOrgId] = useState<number | null>(null);
  useEffect(() => {
    if (shared) return;
    let live = true;
    Promise.all([api.me(), adminApi.site(domain)]).then(
      ([me, site]) => {
        const role = me.orgs.find((o) => o.id === site.orgId)?.role;
        if (live && site.orgId !== null && (role === 'owner' || role === 'admin'))
          setOrgId(site.orgId);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [domain, shared]);
  return orgId;
}

function AddAnnotation(props: { domain: string; orgId: number; onAdded: () => void }) {
  const [day, setDay] = useState(() => new Date().toISOString().slice(0, 10));
  const [text, setText] = useState('');
  const [scope, setScope] = useState<'site' | 'org'>('site');
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      if (scope === 'org') await goalsApi.addOrgAnnotation(props.orgId, { day, text });
      else await goalsApi.addAnnotation(props.domain, { day, text });
      setText('');
      props.onAdded();
    });
  };
  return h(
    'form',
    { class: 'inline-form', onSubmit: submit, 'aria-label': t('annotationsUi.add') },
    h(
      'label',
      { class: 'field' },
      h('span', null, t('annotationsUi.day')),
      h('input', {
        type: 'date',
        name: 'annotation-day',
        required: true,
        value: day,
        onInput: (e: Event) => setDay((e.currentTarget as HTMLInputElement).value),
      }),
    ),
    h(
      'label',
      { class: 'field' },
      h('span', null, t('annotationsUi.text')),
      h('input', {
        name: 'annotation-text',
        required: true,
        maxLength: 200,
        value: text,
        onInput: (e: Event) => setText((e.currentTarget as HTMLInputElement).value),
      }),
    ),
    h(
      'label',
      { class: 'field' },
      h('span', null, t('annotationsUi.scope')),
      h(
        'select',
        {
          name: 'annotation-scope',
          value: scope,
          onChange: (e: Event) =>
            setScope((e.currentTarget as HTMLSelectElement).value as 'site' | 'org'),
        },
        h('option', { value: 'site' }, t('annotationsUi.scopeSite')),
        h('option', { value: 'org' }, t('annotationsUi.scopeOrg')),
      ),
    ),
    h(
      'button',
      { type: 'submit', class: 'primary', disabled: action.busy },
      t('annotationsUi.add'),
    ),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
  );
}

export function AnnotationsSection(props: {
  domain: string;
  annotations: Annotation[];
  error: string | null;
  shared: boolean;
  onChanged: () => void;
}) {
  const orgId = useAdminOrg(props.domain, props.shared);
  const action = useAction();
  const remove = (a: Annotation) =>
    action.run(async () => {
      if (a.scope === 'org') await goalsApi.removeOrgAnnotation(orgId!, a.id);
      else await goalsApi.removeAnnotation(props.domain, a.id);
      props.onChanged();
    });
  if (props.annotations.length === 0 && orgId === null && !props.error) return null;
  return h(
    'section',
    { class: 'annotations', 'aria-labelledby': 'annotations-title', 'data-annotations': '' },
    h('h3', { id: 'annotations-title' }, t('annotationsUi.title')),
    props.error && h('p', { class: 'error' }, props.error),
    props.annotations.length === 0
      ? h('p', { class: 'muted' }, t('annotationsUi.none'))
      : h(
          'ul',
          { class: 'annotation-list' },
          props.annotations.map((a) =>
            h(
              'li',
              { key: a.id, 'data-annotation': a.id, 'data-scope': a.scope },
              h('span', { class: 'annotation-day' }, formatDay(a.day, intlLocale())),
              ' ',
              h('span', { class: 'annotation-text', translate: false }, a.text),
              a.scope === 'org' && h('span', { class: 'muted' }, ' ', t('annotationsUi.orgWide')),
              orgId !== null &&
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary danger small',
                    'data-remove-annotation': a.id,
                    'aria-label': t('annotationsUi.removeNamed', { text: a.text }),
                    onClick: () => remove(a),
                  },
                  t('annotationsUi.remove'),
                ),
            ),
          ),
        ),
    action.error && h('p', { class: 'error', role: 'alert' }, action.error),
    orgId !== null && h(AddAnnotation, { domain: props.domain, orgId, onAdded: props.onChanged }),
  );
}
