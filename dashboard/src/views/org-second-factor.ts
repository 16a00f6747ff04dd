// An owner requires a second factor for every member of the org (members page). The server
// refuses to turn it on for an owner who has none, so nobody shuts themselves out.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { secondFactorApi } from '../second-factor-api.js';
import { hrefOf } from '../router.js';
import { useAction, useLoad } from './use-load.js';
import { t } from '../i18n/t.js';

export function OrgSecondFactor(props: { orgId: number; isOwner: boolean }) {
  const state = useLoad(() => secondFactorApi.orgRequirement(props.orgId), [props.orgId]);
  const action = useAction();
  // The box shows the choice at once; a refusal (409: no second factor yourself) puts it back.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const set = (required: boolean) => {
    setChosen(required);
    action.run(async () => {
      try {
        await secondFactorApi.setOrgRequirement(props.orgId, required);
      } catch (err) {
        setChosen(null);
        throw err;
      }
      state.reload();
    });
  };
  return h(
    'section',
    { class: 'panel settings-section', 'aria-labelledby': 'org-2fa-title' },
    h('h2', { id: 'org-2fa-title' }, t('orgSecondFactor.title')),
    state.data &&
      h(
        'label',
        { class: 'toggle' },
        h('input', {
          type: 'checkbox',
          name: 'require-second-factor',
          checked: chosen ?? state.data.required,
          disabled: !props.isOwner || action.busy,
          onChange: (e: Event) => set((e.currentTarget as HTMLInputElement).checked),
        }),
        ' ',
        t('orgSecondFactor.label'),
      ),
    h(
      'p',
      { class: 'muted' },
      t('orgSecondFactor.help'),
      ' ',
      h('a', { href: hrefOf({ name: 'second-factor' }) }, t('orgSecondFactor.own')),
    ),
    (action.error ?? state.error) &&
      h('p', { class: 'error', role: 'alert' }, action.error ?? state.error),
  );
}
