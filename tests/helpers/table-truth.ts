import type { Page } from 'playwright-core';
import type { ParticipantInfo, RoomServiceClient } from 'livekit-server-sdk';
import { stageRole } from '@/lib/presets/shared';
import { metadataSummary } from '@/lib/format';
import { isObserver } from '@/lib/participants/filter-shared';
import { permissionSignature } from '@/lib/live/permission-signature';
import { toParticipantView } from '@/lib/livekit/mappers';

/** What one row of the participant table shows, read from the screen or derived from ListParticipants alike. */
export interface ShownRow {
  identity: string;
  name: string;
  role: string;
  kind: string;
  permission: string;
  metadata: string;
  attributes: string[];
  tracks: string[];
}

/** The rows on the screen (the table must show them all: keep rooms smaller than the viewport). */
export async function rowsOnScreen(page: Page): Promise<ShownRow[]> {
  return page.$$eval('tr[data-identity]', (rows) =>
    rows.map((row) => {
      const nameCell = row.querySelector('div.font-medium');
      const name = [...(nameCell?.childNodes ?? [])]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('');
      return {
        identity: row.getAttribute('data-identity') ?? '',
        name,
        role: row.getAttribute('data-role') ?? '',
        kind: row.getAttribute('data-kind') ?? '',
        permission: row.getAttribute('data-permission') ?? '',
        metadata: row.querySelector('[data-metadata]')?.textContent ?? '',
        attributes: [...row.querySelectorAll('span[title*="="]')].map((chip) => chip.getAttribute('title') ?? '').sort(),
        tracks: [...row.querySelectorAll('[data-track-sid]')]
          .map((chip) => `${chip.getAttribute('data-track-sid')}:${chip.getAttribute('data-muted') === 'true' ? 'muted' : 'live'}`)
          .sort(),
      };
    }),
  );
}

/** The rows the table should show for these participants (hidden ones and observers are not listed by default). */
export function rowsFromLiveKit(participants: ParticipantInfo[]): ShownRow[] {
  return participants
    .map(toParticipantView)
    .filter((participant) => !isObserver(participant))
    .map((participant) => ({
      identity: participant.identity,
      name: participant.name,
      role: stageRole(participant.permission),
      kind: participant.kind,
      permission: permissionSignature(participant.permission),
      metadata: metadataSummary(participant.metadata),
      attributes: Object.entries(participant.attributes)
        .map(([key, value]) => `${key}=${value}`)
        .sort(),
      tracks: participant.tracks.map((track) => `${track.sid}:${track.muted ? 'muted' : 'live'}`).sort(),
    }));
}

export interface Divergence {
  identity: string;
  field: keyof ShownRow | 'row';
  screen: unknown;
  truth: unknown;
}

/** Every way the screen differs from the truth, field by field; empty when they are equal. */
export function divergences(screen: ShownRow[], truth: ShownRow[]): Divergence[] {
  const found: Divergence[] = [];
  const shown = new Map(screen.map((row) => [row.identity, row]));
  for (const expected of truth) {
    const row = shown.get(expected.identity);
    shown.delete(expected.identity);
    if (!row) {
      found.push({ identity: expected.identity, field: 'row', screen: 'missing', truth: 'present' });
      continue;
    }
    for (const field of Object.keys(expected) as (keyof ShownRow)[]) {
      if (JSON.stringify(row[field]) !== JSON.stringify(expected[field])) {
        found.push({ identity: expected.identity, field, screen: row[field], truth: expected[field] });
      }
    }
  }
  for (const identity of shown.keys()) found.push({ identity, field: 'row', screen: 'present', truth: 'missing' });
  return found;
}

/** How the screen differs from ListParticipants right now. */
export async function screenVersusLiveKit(page: Page, service: RoomServiceClient, room: string): Promise<Divergence[]> {
  const [screen, participants] = await Promise.all([rowsOnScreen(page), service.listParticipants(room)]);
  return divergences(screen, rowsFromLiveKit(participants));
}
