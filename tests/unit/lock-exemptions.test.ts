import { describe, expect, it } from 'vitest';
import { exemptFromLock } from '@/lib/access/lock-eject-service';
import { participantView } from '../helpers/participant-view';

const base = participantView('x').permission;

describe('whom a locked room keeps out', () => {
  it('keeps out a plain participant, audience or speaker', () => {
    expect(exemptFromLock('fan', participantView('fan'))).toBe(false);
    expect(exemptFromLock('fan', participantView('fan', { permission: { ...base, canPublish: true, canPublishSources: ['microphone'] } }))).toBe(false);
    // the webhook said nothing about them: not exempt
    expect(exemptFromLock('fan', undefined)).toBe(false);
  });

  it('lets in Stagekeeper observers, hidden participants, hosts and services', () => {
    expect(exemptFromLock('stagekeeper-observer-1a2b', undefined)).toBe(true);
    expect(exemptFromLock('ghost', participantView('ghost', { permission: { ...base, hidden: true } }))).toBe(true);
    expect(
      exemptFromLock('host', participantView('host', { permission: { ...base, canPublish: true, canUpdateMetadata: true, canPublishSources: [] } })),
    ).toBe(true);
    for (const kind of ['egress', 'ingress', 'agent'] as const) expect(exemptFromLock('svc', participantView('svc', { kind }))).toBe(true);
    expect(exemptFromLock('caller', participantView('caller', { kind: 'sip' }))).toBe(false);
  });
});
