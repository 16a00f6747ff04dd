// Server-side re-check of what a recorder sends: the very same pure filter the page applied
// (attribute allowlist, URLs cut to origin + path, input values masked), re-applied to untrusted
// chunks before they are scanned and stored, plus the sensitive-page rule on raw events. The
// source lives with the recorder because the browser bundle needs it; it is DOM-free.
export {
  ATTRIBUTE_ALLOWLIST,
  BLOCKED_TAGS,
  MASK,
  filterAttributes,
  filterNode,
  filterReplayEvent,
  filterReplayEvents,
} from '../../tracker/replay/event-filter';
export { cutCssUrls, cutUrl } from '../../tracker/replay/url-cut';
export {
  eventShowsSensitiveField,
  isSensitiveAutocomplete,
} from '../../tracker/replay/sensitive-fields';
