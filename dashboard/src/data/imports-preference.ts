// Whether the dashboard leaves imported data out of a site's reports (issue 15): a per-site choice
// kept in this browser (the dashboard's own storage, never the tracker's), applied to every report
// request by adding `imports=exclude` (docs/API.md, "Imports and exports").
const key = 'pomelo.excludeImports';

function read(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

export function excludesImports(domain: string): boolean {
  return read().includes(domain);
}

export function setExcludeImports(domain: string, exclude: boolean): void {
  const rest = read().filter((d) => d !== domain);
  localStorage.setItem(key, JSON.stringify(exclude ? [...rest, domain] : rest));
}

const reportPath =
  /^\/api\/sites\/([^/?]+)\/(report|timeseries|breakdown\/|flows|funnel|not-found|goals\/report|export\/)/;

/** A report request's path with `imports=exclude` when the site's reports leave imports out. */
export function withImportsChoice(path: string): string {
  const m = reportPath.exec(path);
  if (!m || !excludesImports(decodeURIComponent(m[1]!))) return path;
  return `${path}${path.includes('?') ? '&' : '?'}imports=exclude`;
}
