// The dashboard's use of the Stats API (POST /api/v2/query): a filtered report's totals and
// series, with the session cookie or a shared link's token (docs/API.md, "Stats API").
import { call, type Access } from './api.js';

export interface StatsAnswer {
  results: { metrics: (number | null)[]; dimensions: string[] }[];
}

export const statsQuery = (body: object, access?: Access) =>
  call<StatsAnswer>('POST', '/api/v2/query', body, access);
