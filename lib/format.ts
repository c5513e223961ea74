import { compactJson, layoutJson, objectMembers } from './json-text';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A moment in full, for tooltips: "Nov 26, 2026, 6:12:03 AM" in the viewer's locale. */
export function formatDateTime(at: number): string {
  return dateTime.format(at);
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
