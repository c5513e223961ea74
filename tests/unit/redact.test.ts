import { describe, expect, it } from 'vitest';
import { CENSOR, redacted } from '@/lib/observability/redact';

describe('redacted', () => {
  it('replaces credentials and participant bodies at the top and two levels down, as pino redact did', () => {
    const line = {
      apiSecret: 's3cret',
      action: 'participants.promote',
      participant: { identity: 'a1', metadata: '{"note":1}', nested: { attributes: { seat: '1' }, deeper: { token: 'kept' } } },
      participants: [{ identity: 'a2', metadata: 'body' }],
    };
    expect(redacted(line)).toEqual({
      apiSecret: CENSOR,
      action: 'participants.promote',
      participant: { identity: 'a1', metadata: CENSOR, nested: { attributes: CENSOR, deeper: { token: 'kept' } } },
      participants: [{ identity: 'a2', metadata: CENSOR }],
    });
  });

  it("never changes the caller's object, and returns a line with nothing to redact as it is", () => {
    const line = { participant: { metadata: 'body' }, target: { room: 'stage' } };
    const copy = redacted(line);
    expect(line.participant.metadata).toBe('body');
    expect(copy.target).toBe(line.target);
    const clean = { action: 'rooms.list', target: { room: 'stage', identity: 'a1' }, durationMs: 3 };
    expect(redacted(clean)).toBe(clean);
  });

  it('leaves errors and other class instances to their serializers', () => {
    const error = Object.assign(new Error('boom'), { input: 'x' });
    expect(redacted({ err: error }).err).toBe(error);
  });
});
