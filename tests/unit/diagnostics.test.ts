import { describe, expect, it } from 'vitest';
import { formatChecks, type Check } from '@/lib/diagnostics/shared';
import { refusalReason } from '@/lib/diagnostics/refusals-service';

const jwt = (claims: object) => `Bearer e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

describe('refused webhook reasons', () => {
  it('tells a missing header, another API key and a bad signature apart, without trusting the token', () => {
    expect(refusalReason(null, 'devkey')).toBe('no_signature');
    expect(refusalReason('Bearer ', 'devkey')).toBe('no_signature');
    expect(refusalReason(jwt({ iss: 'otherkey' }), 'devkey')).toBe('other_key');
    expect(refusalReason(jwt({ iss: 'devkey' }), 'devkey')).toBe('bad_signature');
    expect(refusalReason('Bearer not-a-jwt', 'devkey')).toBe('bad_signature');
  });
});

describe('doctor output', () => {
  const checks: Check[] = [
    { id: 'a', section: 'livekit', label: 'LiveKit reachable', status: 'ok', detail: 'answered 200 in 3 ms' },
    { id: 'b', section: 'webhooks', label: 'Test delivery', status: 'fail', detail: 'did not arrive', fix: 'Point webhook.urls at X.' },
  ];

  it('prints one line per check under its section, the fix under a failed one, and the count of failures', () => {
    expect(formatChecks(checks, { color: false }).split('\n')).toEqual([
      '',
      'LiveKit',
      '  ✔ LiveKit reachable: answered 200 in 3 ms',
      '',
      'Webhooks',
      '  ✘ Test delivery: did not arrive',
      '      fix: Point webhook.urls at X.',
      '',
      '1 check failed.',
    ]);
  });
});
