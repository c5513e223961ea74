import { compactJson, layoutJson, objectMembers } from './json-text';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const twoDigits = (value: number) => String(value).padStart(2, '0');

// Dates are written by hand, not with Intl: a page's first Intl formatter loads the locale data, about
// 50 ms of the main thread, and every participant row and hand carries one of these tooltips.

/** A moment (epoch ms or an ISO string) as the time of day on a 24-hour clock in the viewer's time zone: "21:31", or "21:31:20" with seconds. */
export function formatClock(at: number | string, { seconds = false } = {}): string {
  const date = new Date(at);
  const clock = `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
  return seconds ? `${clock}:${twoDigits(date.getSeconds())}` : clock;
}

/** The day and the time of day: "2 Dec 21:31". */
export function formatDayClock(at: number | string): string {
  const date = new Date(at);
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${formatClock(at)}`;
}

/** A moment in full, for tooltips: "2 Dec 2026, 21:31:20" in the viewer's time zone. */
export function formatDateTime(at: number | string): string {
  const date = new Date(at);
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}, ${formatClock(at, { seconds: true })}`;
}

export function relativeTime(then: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m ago`;
  return `${Math.floor(hours / 24)}d ago`;
}

export type ParsedMetadata = { kind: 'empty' } | { kind: 'json'; value: unknown } | { kind: 'text'; text: string };

export function parseMetadata(metadata: string): ParsedMetadata {
  if (metadata.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(metadata) };
  } catch {
    return { kind: 'text', text: metadata };
  }
}

/** One line a moderator can scan: `role: Audience · city: Lagos` for objects, the text otherwise; numbers as written. */
export function metadataSummary(metadata: string): string {
  const parsed = parseMetadata(metadata);
  if (parsed.kind === 'empty') return '';
  if (parsed.kind === 'text') return parsed.text;
  const members = objectMembers(metadata);
  if (members === null) return compactJson(metadata);
  return members.map(([key, value]) => `${key}: ${value.startsWith('"') ? (JSON.parse(value) as string) : value}`).join(' · ');
}

/** JSON metadata indented, every number exactly as written; other text as it is. */
export function prettyMetadata(metadata: string): string {
  return parseMetadata(metadata).kind === 'json' ? layoutJson(metadata) : metadata;
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
