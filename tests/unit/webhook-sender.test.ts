import { describe, expect, it } from 'vitest';
import { deliveredFrom } from '@/lib/livekit/webhooks';

const from = (forwardedFor?: string) => deliveredFrom(new Headers(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }));

describe('deliveredFrom, the address a webhook came from', () => {
  it('is the first hop of X-Forwarded-For: the LiveKit node, not the proxies after it', () => {
    expect(from('10.0.3.7')).toBe('10.0.3.7');
    expect(from('10.0.3.7, 10.0.0.2, 127.0.0.1')).toBe('10.0.3.7');
    expect(from('fd00::17')).toBe('fd00::17');
  });

  it('shows an IPv4 peer on a dual-stack socket as IPv4', () => {
    expect(from('::ffff:192.168.1.20')).toBe('192.168.1.20');
  });

  it('is no answer without the header, or when the first hop is not an address', () => {
    expect(from()).toBeUndefined();
    expect(from('')).toBeUndefined();
    expect(from('livekit-node-1')).toBeUndefined();
    expect(from('<script>, 10.0.0.1')).toBeUndefined();
    expect(from('1'.repeat(46))).toBeUndefined();
  });
});
