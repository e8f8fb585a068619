// Stored lesson progress comes from globalState, which another version of the extension, a settings
// sync or a hand edit may have filled with anything. It is read through the schema of the `progress`
// message, field by field and entry by entry: what passes is kept, what does not is dropped and named.
import { checkProgress, type LessonProgress } from './messages';

export function emptyProgress(): LessonProgress {
  return { completed: false, checklist: {}, openedCards: [] };
}

export interface RepairedProgress {
  progress: LessonProgress;
  /** One line per dropped part: where it was, what it held, and which rule it broke. Empty when nothing was. */
  dropped: string[];
}

/** The schema keywords that cap a list or a map: once one fails, every further entry would fail too. */
const LIMIT_KEYWORDS = new Set(['maxItems', 'maxProperties']);
const SHOWN_VALUE_CHARS = 80;

type Fields = Record<string, unknown>;

function isPlainObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, single-line, escaped rendering of a stored value for the log. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > SHOWN_VALUE_CHARS ? `${text.slice(0, SHOWN_VALUE_CHARS)}…` : text;
}

export function repairProgress(stored: unknown): RepairedProgress {
  if (stored === undefined) return { progress: emptyProgress(), dropped: [] };
  const whole = checkProgress(stored);
  if (whole.ok) return { progress: whole.message, dropped: [] };
  if (!isPlainObject(stored)) return { progress: emptyProgress(), dropped: [`the whole value ${shown(stored)}: ${whole.error}`] };
  const dropped: string[] = [];
  let kept: Fields = { ...emptyProgress() };
  for (const [field, value] of Object.entries(stored)) {
    kept = keepField(kept, field, value, dropped);
  }
  return { progress: kept as unknown as LessonProgress, dropped };
}

/** The progress with `field` set to `value`, or to the valid part of it, or left as it was. */
function keepField(kept: Fields, field: string, value: unknown, dropped: string[]): Fields {
  const as = (fieldValue: unknown) => checkProgress({ ...kept, [field]: fieldValue });
  const whole = as(value);
  if (whole.ok) return whole.message as unknown as Fields;
  const container = Array.isArray(value) ? [] : isPlainObject(value) ? {} : undefined;
  // A scalar, an unknown field or a container of the wrong kind: nothing in it can be kept.
  if (container === undefined || !as(container).ok) {
    dropped.push(`${field} ${shown(value)}: ${whole.error}`);
    return kept;
  }
  return { ...kept, [field]: keepEntries(field, value as Fields | unknown[], as, dropped) };
}

/** The entries of a list or a map that the schema accepts, added one at a time in their stored order. */
function keepEntries(field: string, value: Fields | unknown[], as: (fieldValue: unknown) => ReturnType<typeof checkProgress>, dropped: string[]): Fields | unknown[] {
  const isList = Array.isArray(value);
  const entries: [string, unknown][] = isList ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  const build = (accepted: [string, unknown][]) => (isList ? accepted.map(([, item]) => item) : Object.fromEntries(accepted));
  const accepted: [string, unknown][] = [];
  for (const [index, entry] of entries.entries()) {
    const result = as(build([...accepted, entry]));
    if (result.ok) {
      accepted.push(entry);
      continue;
    }
    const [key, item] = entry;
    const place = isList ? `${field}[${key}]` : `${field}[${shown(key)}]`;
    if (result.keyword && LIMIT_KEYWORDS.has(result.keyword)) {
      dropped.push(`${place} and the ${entries.length - index - 1} after it: ${result.error}`);
      break;
    }
    dropped.push(`${place} ${shown(item)}: ${result.error}`);
  }
  return build(accepted);
}
