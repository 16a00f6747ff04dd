// Pure filter of rrweb events: the attribute allowlist, URLs cut to origin + path, input values
// and comments masked, unknown event kinds dropped (issue 6 §3). Runs in the page before events
// leave it and again on the server on untrusted JSON, so it never throws and rebuilds every
// object from known fields. It cannot mask text (that needs the DOM): the scanner covers that.

import { cutCssUrls, cutUrl } from './url-cut';

export const MASK = '***';

/** Attributes kept on recorded elements; anything else (title, alt, placeholder, aria-*, data-*, value, content …) is dropped. */
export const ATTRIBUTE_ALLOWLIST: readonly string[] = [
  'class', 'id', 'style', 'dir', 'lang', 'role', 'hidden', 'tabindex', 'type', 'name', 'for',
  'rel', 'href', 'src', 'action', 'method', 'target', 'width', 'height', 'colspan', 'rowspan',
  'scope', 'disabled', 'readonly', 'required', 'multiple', 'open', 'autocomplete', 'inputmode',
  'maxlength', 'minlength', 'min', 'max', 'step', 'size', 'rows', 'cols', 'media', 'charset',
  'viewBox', 'viewbox', 'xmlns', 'xmlns:xlink', 'xlink:href', 'd', 'fill', 'stroke',
  'stroke-width', 'transform', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry',
  'points', 'preserveAspectRatio', 'rr_width', 'rr_height', 'rr_scrollLeft', 'rr_scrollTop',
  'rr_open_mode', 'rr_mediaState', '_cssText',
]; // prettier-ignore

/** Attributes holding a URL: cut to origin + path; non-http(s) URLs (mailto:, tel:, data:) dropped. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'xlink:href']);
/** Elements recorded only as a placeholder box (rrweb `blockSelector`), never their content. */
export const BLOCKED_TAGS: readonly string[] = [
  'img',
  'video',
  'audio',
  'canvas',
  'iframe',
  'frame',
  'object',
  'embed',
  'picture',
  'source',
  'track',
];

const EventType = { DomContentLoaded: 0, Load: 1, FullSnapshot: 2, Incremental: 3, Meta: 4 };
const Source = {
  Mutation: 0,
  Input: 5,
  StyleSheetRule: 8,
  StyleDeclaration: 13,
  AdoptedStyleSheet: 15,
};
/** Incremental sources whose payload is only numbers: mouse, scroll, viewport, touch, media, drag, selection. */
const NUMERIC_SOURCES = new Set([1, 2, 3, 4, 6, 7, 12, 14]);
const NodeType = { Document: 0, DocumentType: 1, Element: 2, Text: 3, CDATA: 4, Comment: 5 };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => Number.isSafeInteger(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The allowlisted attributes of one element, URLs cut. rrweb uses `null` for a removed attribute. */
export function filterAttributes(tagName: string, attributes: unknown): Json {
  const out: Json = {};
  if (!isObject(attributes)) return out;
  const blocked = BLOCKED_TAGS.includes(tagName);
  for (const [name, value] of Object.entries(attributes)) {
    if (!ATTRIBUTE_ALLOWLIST.includes(name)) continue;
    // An attribute mutation does not say its element: no `src` at all (it may be an image's).
    if (tagName === '' && name === 'src') continue;
    if (blocked && !['class', 'rr_width', 'rr_height'].includes(name)) continue;
    if (value === null) out[name] = null;
    else if (name === 'style' && isObject(value)) out[name] = filterStyleObject(value);
    else if (typeof value === 'string') {
      if (URL_ATTRIBUTES.has(name)) {
        const cut = cutUrl(value, tagName === 'use');
        if (cut !== null) out[name] = cut;
      } else out[name] = name === 'style' || name === '_cssText' ? cutCssUrls(value) : value;
    } else if (typeof value === 'number' || typeof value === 'boolean') out[name] = value;
  }
  return out;
}

/** rrweb's style diff in attribute mutations: `{ prop: value | [value, priority] | false }`. */
function filterStyleObject(style: Json): Json {
  const out: Json = {};
  for (const [prop, value] of Object.entries(style)) {
    if (value === false) out[prop] = false;
    else if (typeof value === 'string') out[prop] = cutCssUrls(value);
    else if (Array.isArray(value)) out[prop] = [cutCssUrls(str(value[0])), str(value[1])];
  }
  return out;
}

function copyFlags(from: Json, to: Json, keys: readonly string[]): void {
  for (const key of keys)
    if (typeof from[key] === 'boolean' || isId(from[key])) to[key] = from[key];
}

/** Rebuilds one serialized node (and its children) from known fields. */
export function filterNode(node: unknown, depth = 0): Json | null {
  if (!isObject(node) || !isId(node.id) || depth > 1000) return null;
  const out: Json = { type: node.type, id: node.id };
  copyFlags(node, out, [
    'rootId',
    'isShadowHost',
    'isShadow',
    'isSVG',
    'needBlock',
    'isCustom',
    'isStyle',
  ]);
  const children = () =>
    list(node.childNodes)
      .map((child) => filterNode(child, depth + 1))
      .filter((child): child is Json => child !== null);
  switch (node.type) {
    case NodeType.Document:
      return {
        ...out,
        childNodes: children(),
        ...(node.compatMode === 'BackCompat' ? { compatMode: 'BackCompat' } : {}),
      };
    case NodeType.DocumentType:
      return { ...out, name: 'html', publicId: '', systemId: '' };
    case NodeType.Element: {
      const tagName = str(node.tagName).toLowerCase();
      if (!/^[a-z][a-z0-9:-]{0,63}$/.test(tagName)) return null;
      const blocked = BLOCKED_TAGS.includes(tagName);
      return {
        ...out,
        tagName: node.tagName,
        attributes: filterAttributes(tagName, node.attributes),
        childNodes: blocked ? [] : children(),
        ...(blocked ? { needBlock: true } : {}),
      };
    }
    case NodeType.Text: {
      const text = str(node.textContent);
      return { ...out, textContent: out.isStyle === true ? cutCssUrls(text) : text };
    }
    case NodeType.CDATA:
    case NodeType.Comment:
      return { ...out, textContent: '' };
    default:
      return null;
  }
}

function filterMutation(data: Json): Json {
  return {
    source: Source.Mutation,
    texts: list(data.texts)
      .filter(isObject)
      .filter((t) => isId(t.id))
      .map((t) => ({ id: t.id, value: typeof t.value === 'string' ? t.value : null })),
    attributes: list(data.attributes)
      .filter(isObject)
      .filter((a) => isId(a.id))
      .map((a) => ({ id: a.id, attributes: filterAttributes('', a.attributes) })),
    removes: list(data.removes)
      .filter(isObject)
      .filter((r) => isId(r.id) && isId(r.parentId))
      .map((r) => ({
        parentId: r.parentId,
        id: r.id,
        ...(r.isShadow === true ? { isShadow: true } : {}),
      })),
    adds: list(data.adds)
      .filter(isObject)
      .map((a) => ({
        parentId: a.parentId,
        nextId: isId(a.nextId) ? a.nextId : null,
        node: filterNode(a.node),
      }))
      .filter((a) => isId(a.parentId) && a.node !== null),
  };
}

function filterRules(rules: unknown): Json[] {
  return list(rules)
    .filter(isObject)
    .filter((r) => typeof r.rule === 'string')
    .map((r) => ({
      rule: cutCssUrls(str(r.rule)),
      ...(r.index !== undefined ? { index: r.index } : {}),
    }));
}

function onlyNumbers(value: unknown, depth = 0): boolean {
  if (depth > 8) return false;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return true;
  if (Array.isArray(value)) return value.every((v) => onlyNumbers(v, depth + 1));
  return isObject(value) && Object.values(value).every((v) => onlyNumbers(v, depth + 1));
}

function filterIncremental(data: Json): Json | null {
  const source = data.source;
  if (typeof source === 'number' && NUMERIC_SOURCES.has(source))
    return onlyNumbers(data) ? data : null;
  switch (source) {
    case Source.Mutation:
      return filterMutation(data);
    case Source.Input:
      // Values are masked with a constant whatever rrweb did; checkbox/radio state too.
      return isId(data.id)
        ? { source, id: data.id, text: str(data.text) === '' ? '' : MASK, isChecked: false }
        : null;
    case Source.StyleSheetRule:
      return {
        source,
        ...(isId(data.id) ? { id: data.id } : {}),
        ...(isId(data.styleId) ? { styleId: data.styleId } : {}),
        adds: filterRules(data.adds),
        removes: list(data.removes).filter(onlyNumbers),
      };
    case Source.StyleDeclaration: {
      const set = isObject(data.set)
        ? {
            property: str(data.set.property),
            value: cutCssUrls(str(data.set.value)),
            priority: str(data.set.priority),
          }
        : undefined;
      const remove = isObject(data.remove) ? { property: str(data.remove.property) } : undefined;
      return {
        source,
        ...(isId(data.id) ? { id: data.id } : {}),
        ...(isId(data.styleId) ? { styleId: data.styleId } : {}),
        index: list(data.index).filter(isId),
        ...(set ? { set } : {}),
        ...(remove ? { remove } : {}),
      };
    }
    case Source.AdoptedStyleSheet:
      return {
        source,
        id: data.id,
        styleIds: list(data.styleIds).filter(isId),
        styles: list(data.styles)
          .filter(isObject)
          .map((s) => ({ styleId: s.styleId, rules: filterRules(s.rules) })),
      };
    default:
      return null; // canvas, fonts, console logs, custom elements: never recorded
  }
}

/**
 * The event as it may leave the page (or be stored), or null when its kind is never recorded
 * (custom, plugin and unknown events, canvas, fonts, logs).
 */
export function filterReplayEvent(event: unknown): Json | null {
  if (!isObject(event) || !isObject(event.data) || typeof event.timestamp !== 'number') return null;
  const { type, data, timestamp } = event;
  switch (type) {
    case EventType.DomContentLoaded:
    case EventType.Load:
      return { type, data: {}, timestamp };
    case EventType.Meta: {
      const href = cutUrl(str(data.href)) ?? '';
      const size = {
        width: isId(data.width) ? data.width : 0,
        height: isId(data.height) ? data.height : 0,
      };
      return { type, data: { href, ...size }, timestamp };
    }
    case EventType.FullSnapshot: {
      const node = filterNode(data.node);
      const offset =
        isObject(data.initialOffset) && onlyNumbers(data.initialOffset)
          ? data.initialOffset
          : { top: 0, left: 0 };
      return node === null ? null : { type, data: { node, initialOffset: offset }, timestamp };
    }
    case EventType.Incremental: {
      const filtered = filterIncremental(data);
      return filtered === null ? null : { type, data: filtered, timestamp };
    }
    default:
      return null;
  }
}

/** Filters a list of events (a chunk), dropping the ones that are never recorded. */
export function filterReplayEvents(events: unknown): Json[] {
  return list(events)
    .map(filterReplayEvent)
    .filter((e): e is Json => e !== null);
}
