import { describe, expect, it } from 'vitest';
import {
  findingLabel,
  findingLocation,
  formatWhen,
  purposeLabel,
  ratePercent,
  reasonLabel,
  stateLabel,
} from './replay-labels.js';

describe('replay labels', () => {
  it('names purposes, states and reasons; unknown codes pass through readable', () => {
    expect(purposeLabel('ux_debugging')).toBe('UX debugging');
    expect(purposeLabel('other', 'form drop-off')).toBe('Other: form drop-off');
    expect(purposeLabel('brand_new')).toBe('brand_new');
    expect(stateLabel('paused')).toBe('Paused');
    expect(reasonLabel('leak_threshold')).toMatch(/leak scanner/);
    expect(reasonLabel('spike')).toMatch(/spike/);
    expect(reasonLabel('some_new_reason')).toBe('some new reason');
    expect(reasonLabel(null)).toBeNull();
  });

  it('says where a finding is, never what it was', () => {
    expect(findingLabel('card')).toBe('Card number (Luhn)');
    expect(findingLocation({ type: 'email', seq: 3, path: '$[2].data.text' })).toBe(
      'chunk 3 · $[2].data.text',
    );
    expect(findingLocation({ type: 'phone', offset: 120 })).toBe('offset 120');
    expect(findingLocation({ type: 'iban' })).toBe('location not recorded');
  });

  it('formats rates and times', () => {
    expect(ratePercent(0.1)).toBe('10 %');
    expect(ratePercent(0.125)).toBe('12.5 %');
    expect(formatWhen(null)).toBe('—');
    expect(formatWhen('not a time')).toBe('not a time');
    expect(formatWhen(Date.UTC(2026, 0, 2))).toMatch(/2026/);
  });
});
