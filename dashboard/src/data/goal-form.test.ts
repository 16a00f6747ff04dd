import { describe, expect, it } from 'vitest';
import { emptyGoalForm, fieldOfReason, goalBodyFromForm } from './goal-form.js';

describe('goal form', () => {
  it('builds each kind of goal body', () => {
    expect(goalBodyFromForm({ ...emptyGoalForm, page: ' /thanks* ' })).toEqual({
      ok: true,
      body: { page: '/thanks*' },
    });
    expect(
      goalBodyFromForm({ ...emptyGoalForm, kind: 'event', event: 'Signup', prop: 'plan = pro' }),
    ).toEqual({ ok: true, body: { event: 'Signup', prop: { key: 'plan', value: 'pro' } } });
    expect(
      goalBodyFromForm({
        ...emptyGoalForm,
        kind: 'revenue',
        name: 'Sales',
        event: 'Purchase',
        currency: 'usd',
        prop: 'ignored=yes',
      }),
    ).toEqual({ ok: true, body: { name: 'Sales', event: 'Purchase', currency: 'USD' } });
    expect(goalBodyFromForm({ ...emptyGoalForm, kind: 'event', event: 'Signup' })).toEqual({
      ok: true,
      body: { event: 'Signup' },
    });
  });

  it('names the field that is missing or malformed', () => {
    expect(goalBodyFromForm({ ...emptyGoalForm, page: '  ' })).toMatchObject({ field: 'page' });
    expect(goalBodyFromForm({ ...emptyGoalForm, kind: 'event' })).toMatchObject({
      field: 'event',
    });
    for (const prop of ['plan', '=pro', 'plan=']) {
      expect(
        goalBodyFromForm({ ...emptyGoalForm, kind: 'event', event: 'Signup', prop }),
      ).toMatchObject({ ok: false, field: 'prop' });
    }
    expect(
      goalBodyFromForm({ ...emptyGoalForm, kind: 'revenue', event: 'Buy', currency: 'EURO' }),
    ).toMatchObject({ ok: false, field: 'currency' });
  });

  it('reads the field an API reason is about', () => {
    expect(fieldOfReason('page: page pattern must start with /')).toBe('page');
    expect(fieldOfReason('prop.key: prop key must not be empty')).toBe('prop');
    expect(fieldOfReason('currency: currency must be an ISO 4217 code')).toBe('currency');
    expect(fieldOfReason('name: this site already has a goal named "x"')).toBe('name');
    expect(fieldOfReason('a site has at most 100 goals')).toBeNull();
    expect(fieldOfReason('k: must be at least 2')).toBeNull();
  });
});
