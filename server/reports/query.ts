// What every report function receives: the site (id, timezone) and the span to read.
import type { Span } from './date-range.js';

export interface ReportQuery {
  siteId: number;
  timezone: string;
  span: Span;
}
