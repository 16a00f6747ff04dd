// Maps a viewport width (or, without one, the User-Agent's device type) to a coarse device class.

export type DeviceClass = 'mobile' | 'tablet' | 'laptop' | 'desktop';

/** Upper bounds (exclusive) of each class, in CSS pixels of viewport width. */
const MOBILE_BELOW = 576;
const TABLET_BELOW = 992;
const LAPTOP_BELOW = 1440;

/**
 * From the viewport width when it is a finite number above 0: < 576 mobile, < 992 tablet,
 * < 1440 laptop, else desktop. Otherwise from the UA's device type (anything unexpected → desktop).
 */
export function deviceClass(
  width: number | undefined,
  uaDevice: 'mobile' | 'tablet' | 'desktop',
): DeviceClass {
  if (typeof width === 'number' && Number.isFinite(width) && width > 0) {
    if (width < MOBILE_BELOW) return 'mobile';
    if (width < TABLET_BELOW) return 'tablet';
    if (width < LAPTOP_BELOW) return 'laptop';
    return 'desktop';
  }
  if (uaDevice === 'mobile' || uaDevice === 'tablet') return uaDevice;
  return 'desktop';
}
