// Tests device class from viewport width and UA device type, including hostile input.
import { describe, expect, test } from 'vitest';
import { deviceClass, type DeviceClass } from './device';

type UaDevice = 'mobile' | 'tablet' | 'desktop';

describe('deviceClass from width', () => {
  test.each<[number, UaDevice, DeviceClass]>([
    [1, 'desktop', 'mobile'],
    [320, 'desktop', 'mobile'],
    [575, 'desktop', 'mobile'],
    [575.9, 'desktop', 'mobile'],
    [576, 'mobile', 'tablet'],
    [768, 'mobile', 'tablet'],
    [991, 'mobile', 'tablet'],
    [992, 'mobile', 'laptop'],
    [1280, 'tablet', 'laptop'],
    [1439, 'tablet', 'laptop'],
    [1440, 'mobile', 'desktop'],
    [1920, 'mobile', 'desktop'],
    [100_000, 'mobile', 'desktop'],
    [0.5, 'desktop', 'mobile'],
  ])('width %d (UA %s) → %s', (width, ua, expected) => {
    expect(deviceClass(width, ua)).toBe(expected);
  });
});

describe('deviceClass without a usable width', () => {
  test.each<[string, number | undefined, UaDevice, DeviceClass]>([
    ['undefined, mobile UA', undefined, 'mobile', 'mobile'],
    ['undefined, tablet UA', undefined, 'tablet', 'tablet'],
    ['undefined, desktop UA', undefined, 'desktop', 'desktop'],
    ['zero', 0, 'mobile', 'mobile'],
    ['negative', -1, 'tablet', 'tablet'],
    ['NaN', Number.NaN, 'mobile', 'mobile'],
    ['Infinity', Number.POSITIVE_INFINITY, 'tablet', 'tablet'],
    ['-Infinity', Number.NEGATIVE_INFINITY, 'desktop', 'desktop'],
  ])('%s → %s', (_name, width, ua, expected) => {
    expect(deviceClass(width, ua)).toBe(expected);
  });

  test.each([
    ['a string width', '400' as unknown as number, 'mobile' as UaDevice, 'mobile'],
    ['an unexpected UA device', undefined, 'smarttv' as UaDevice, 'desktop'],
    ['__proto__ as UA device', undefined, '__proto__' as UaDevice, 'desktop'],
  ])('hostile: %s', (_name, width, ua, expected) => {
    expect(deviceClass(width, ua)).toBe(expected);
  });
});
