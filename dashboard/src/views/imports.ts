// Site settings → Imports and exports (issue 15): upload a Plausible, GoatCounter or Pomelo export
// with a progress bar (XMLHttpRequest upload progress) and a summary, the site's imports with their
// removal, the switch that leaves imported data out of the reports, and the two export downloads.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { ApiFailure, call } from '../api.js';
import { formatDateTime, formatNumber } from '../data/format.js';
import { excludesImports, setExcludeImports } from '../data/imports-preference.js';
import { errorText } from '../i18n/api-errors.js';
import { importRefusalText, type ImportRefusal } from '../i18n/import-errors.js';
import { t } from '../i18n/t.js';
import { ListTable } from './list-table.js';
import { useAction, useLoad } from './use-load.js';

interface ImportRow {
  id: number;
  source: 'plausible' | 'goatcounter' | 'pomelo';
  fileName: string;
  rows: number;
  firstDay: string | null;
  lastDay: string | null;
  state: 'staged' | 'applied';
  createdAt: string;
}

interface UploadResult {
  import?: {
    id: number;
    rows: number;
    firstDay: string | null;
    lastDay: string | null;
    replaced: number | null;
  };
  error?: ImportRefusal & { code?: string };
}

/** A refused upload: the import's own detail when it has one, else the API error's wording. */
function refusalText(status: number, error: UploadResult['error']): string {
  if (!error) return t('apiError.http', { status });
  if (error.detail) return importRefusalText(error);
  return errorText(new ApiFailure(status, error.code ?? 'error', error.message));
}

const base = (domain: string) => `/api/sites/${encodeURIComponent(domain)}`;

/** POSTs the file with upload progress; resolves with the status and the JSON answer. */
function upload(
  url: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
): Promise<{ status: number; body: UploadResult }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: UploadResult = {};
      try {
        body = JSON.parse(xhr.responseText) as UploadResult;
      } catch {
        body = { error: { message: t('apiError.http', { status: xhr.status }) } };
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error(t('apiError.network')));
    xhr.send(file);
  });
}

export function ImportsSection(props: { domain: string }) {
  const list = useLoad(
    () => call<{ imports: ImportRow[] }>('GET', `${base(props.domain)}/imports`),
    [props.domain],
  );
  const [kind, setKind] = useState<'plausible' | 'goatcounter' | 'pomelo'>('plausible');
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [fromSite, setFromSite] = useState('');
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exclude, setExclude] = useState(() => excludesImports(props.domain));
  const removal = useAction();

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setSummary(null);
    setError(null);
    setProgress({ sent: 0, total: file.size });
    const q = new URLSearchParams({ kind, name: file.name });
    if (replace) q.set('replace', '1');
    if (kind === 'pomelo' && fromSite.trim()) q.set('from_site', fromSite.trim());
    try {
      const res = await upload(`${base(props.domain)}/imports?${q}`, file, (sent, total) =>
        setProgress({ sent, total }),
      );
      if (res.status === 201 && res.body.import) {
        const i = res.body.import;
        setSummary(
          t('imports.done', {
            id: i.id,
            rows: formatNumber(i.rows),
            from: i.firstDay ?? '-',
            to: i.lastDay ?? '-',
          }),
        );
        list.reload();
      } else setError(refusalText(res.status, res.body.error));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setProgress(null);
    }
  };

  const imports = list.data?.imports ?? [];
  const share =
    progress && progress.total > 0 ? Math.round((progress.sent / progress.total) * 100) : 0;
  return h(
    'section',
    { class: 'panel settings-section imports', 'aria-labelledby': 'imports-title' },
    h('h2', { id: 'imports-title' }, t('imports.title')),
    h('p', { class: 'muted' }, t('imports.intro')),
    h(
      'form',
      { class: 'import-form', onSubmit },
      h(
        'label',
        { class: 'field' },
        h('span', null, t('imports.kind')),
        h(
          'select',
          {
            name: 'import-kind',
            value: kind,
            onChange: (e: Event) =>
              setKind((e.currentTarget as HTMLSelectElement).value as typeof kind),
          },
          h('option', { value: 'plausible' }, t('imports.kindPlausible')),
          h('option', { value: 'goatcounter' }, t('imports.kindGoatcounter')),
          h('option', { value: 'pomelo' }, t('imports.kindPomelo')),
        ),
      ),
      h(
        'label',
        { class: 'field' },
        h('span', null, t('imports.file')),
        h('input', {
          type: 'file',
          name: 'import-file',
          accept: kind === 'goatcounter' ? '.csv,.gz' : '.zip',
          onChange: (e: Event) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null),
        }),
      ),
      kind === 'pomelo' &&
        h(
          'label',
          { class: 'field' },
          h('span', null, t('imports.fromSite')),
          h('input', {
            name: 'import-from-site',
            value: fromSite,
            onInput: (e: Event) => setFromSite((e.currentTarget as HTMLInputElement).value),
          }),
        ),
      h(
        'label',
        { class: 'checkbox' },
        h('input', {
          type: 'checkbox',
          name: 'import-replace',
          checked: replace,
          onChange: (e: Event) => setReplace((e.currentTarget as HTMLInputElement).checked),
        }),
        h('span', null, t('imports.replace')),
      ),
      h('button', { type: 'submit', disabled: !file || progress !== null }, t('imports.submit')),
    ),
    progress &&
      h(
        'p',
        { class: 'upload-progress' },
        h('progress', { max: 100, value: share, 'aria-label': t('imports.uploading') }),
        ' ',
        t('imports.progress', { percent: share }),
      ),
    summary && h('p', { class: 'notice', role: 'status' }, summary),
    error && h('p', { class: 'error', role: 'alert' }, error),
    list.error && h('p', { class: 'error', role: 'alert' }, list.error),
    removal.error && h('p', { class: 'error', role: 'alert' }, removal.error),
    h(ListTable<ImportRow>, {
      rows: imports,
      empty: t('imports.none'),
      emptyClass: 'imports-empty',
      class: 'imports-list',
      rowKey: (i) => i.id,
      row: (i) => ({ 'data-import': String(i.id) }),
      columns: [
        { label: t('imports.colFile'), cell: (i) => i.fileName },
        { label: t('imports.colSource'), cell: (i) => i.source },
        { label: t('imports.colRows'), cell: (i) => formatNumber(i.rows) },
        { label: t('imports.colDays'), cell: (i) => `${i.firstDay ?? '-'} – ${i.lastDay ?? '-'}` },
        { label: t('imports.colWhen'), cell: (i) => formatDateTime(i.createdAt) },
      ],
      actions: (i) =>
        h(
          'button',
          {
            type: 'button',
            class: 'secondary danger',
            disabled: removal.busy,
            onClick: () =>
              removal.run(async () => {
                await call<void>('DELETE', `${base(props.domain)}/imports/${i.id}`);
                list.reload();
              }),
          },
          t('imports.remove'),
        ),
    }),
    h(
      'label',
      { class: 'checkbox' },
      h('input', {
        type: 'checkbox',
        name: 'exclude-imports',
        checked: exclude,
        onChange: (e: Event) => {
          const v = (e.currentTarget as HTMLInputElement).checked;
          setExcludeImports(props.domain, v);
          setExclude(v);
        },
      }),
      h('span', null, t('imports.exclude')),
    ),
    h('h3', null, t('imports.exportTitle')),
    h(
      'p',
      { class: 'export-links' },
      h(
        'a',
        { href: `${base(props.domain)}/export?format=pomelo`, download: '' },
        t('imports.exportPomelo'),
      ),
      ' · ',
      h(
        'a',
        { href: `${base(props.domain)}/export?format=plausible`, download: '' },
        t('imports.exportPlausible'),
      ),
    ),
  );
}
