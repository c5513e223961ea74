import { describe, expect, it } from 'vitest';
import { attributesChange, metadataSchema } from '@/lib/actions/schemas';

describe('metadata schema', () => {
  const schema = metadataSchema(16);

  it('keeps strings exactly as given and serialises objects as JSON', () => {
    expect(schema.parse(' {"a": 1} ')).toBe(' {"a": 1} ');
    expect(schema.parse({ a: [1, null] })).toBe('{"a":[1,null]}');
  });

  it('counts bytes, not characters, against the limit', () => {
    expect(schema.safeParse('é'.repeat(8)).success).toBe(true);
    const result = schema.safeParse('é'.repeat(9));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('metadata is 18 bytes; the limit is 16 bytes');
  });

  it('refuses numbers and empty text', () => {
    expect(schema.safeParse(5).success).toBe(false);
    expect(schema.safeParse('').error?.issues[0]?.message).toMatch(/cannot be empty/);
  });
});

describe('attributes change', () => {
  it('defaults missing set/remove and refuses empty values', () => {
    expect(attributesChange.parse({ room: 'r', identity: 'i', remove: ['a'] })).toEqual({
      room: 'r',
      identity: 'i',
      set: {},
      remove: ['a'],
    });
    expect(attributesChange.safeParse({ room: 'r', identity: 'i', set: { a: '' } }).success).toBe(false);
  });
});
