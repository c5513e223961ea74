import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as webhook } from '@/app/api/livekit/webhook/route';
import { runExclusive } from '@/lib/db/locks';
import { env } from '@/lib/env';
import { log, useLogDestination } from '@/lib/observability/log';
import { updateAttributes, updateMetadata } from '@/lib/participants/actions';
import { actorWith } from '../helpers/actors';
import { deliverJoin } from '../helpers/signed-webhook';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

const lines: string[] = [];
const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(() => useLogDestination({ write: (line: string) => void lines.push(line) }));
afterAll(() => useLogDestination({ write: () => {} }, 'warn'));

/** Every string anywhere in the logged records. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('structured logs', () => {
  it('one JSON line per action, webhook delivery and job run; never a metadata body, an attribute or the API secret', async () => {
    const room = uniqueRoom('logs');
    await joinParticipant({ room, identity: 'member' });
    const marker = `metadata-body-${randomUUID()}`;
    const attributeMarker = `attribute-value-${randomUUID()}`;

    expect(await updateMetadata({ room, identity: 'member', metadata: JSON.stringify({ note: marker }) })).toMatchObject({ ok: true });
    expect(await updateAttributes({ room, identity: 'member', set: { seat: attributeMarker } })).toMatchObject({ ok: true });
    expect(await updateMetadata({ room, identity: 'member', metadata: '' })).toMatchObject({ ok: false });
    expect((await deliverJoin(webhook, room, 'viewer-1', undefined, { metadata: marker, attributes: { seat: attributeMarker } })).status).toBe(200);
    await runExclusive('logs-test:job', async () => 1);

    const all = records();
    const moderator = actorWith('moderator');
    const actions = all.filter((record) => record.kind === 'action' && record.room === room);
    expect(actions.map((record) => [record.action, record.outcome])).toEqual([
      ['participants.updateMetadata', 'ok'],
      ['participants.updateAttributes', 'ok'],
      ['participants.updateMetadata', 'validation'],
    ]);
    for (const record of actions) {
      expect(record).toMatchObject({ level: 30, identity: 'member', actorId: moderator.id, actorEmail: moderator.email });
      expect(record.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof record.durationMs).toBe('number');
    }
    expect(new Set(actions.map((record) => record.requestId)).size).toBe(3);

    const delivery = all.find((record) => record.kind === 'webhook' && record.room === room);
    expect(delivery).toMatchObject({ event: 'participant_joined', outcome: 'accepted', status: 200 });
    expect(delivery?.lagMs).toBeGreaterThanOrEqual(0);
    expect(all.find((record) => record.job === 'logs-test:job')).toMatchObject({ kind: 'job', outcome: 'ok', msg: 'job logs-test:job ok' });

    const text = lines.join('');
    expect(text).not.toContain(marker);
    expect(text).not.toContain(attributeMarker);
    expect(strings(all)).not.toContain(env().livekit.apiSecret);
  });

  it('redacts credentials and participant bodies should a caller ever pass them', () => {
    const before = lines.length;
    log().info({ apiSecret: env().livekit.apiSecret, authorization: 'Bearer x', participant: { metadata: 'body', attributes: { a: 'b' } } }, 'careless');
    const [record] = records().slice(before);
    expect(record).toMatchObject({ apiSecret: '[redacted]', authorization: '[redacted]', participant: { metadata: '[redacted]', attributes: '[redacted]' } });
  });
});
