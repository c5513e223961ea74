import { describe, expect, it } from 'vitest';
import {
  addRow,
  attributeChange,
  attributeProblem,
  attributeRows,
  dropAttributes,
  editRow,
  EMPTY_ATTRIBUTE_DRAFT,
  isUnchanged,
  rebaseAttributes,
  removeRow,
  type AttributeDraft,
} from '@/components/room/edit/attribute-draft';
import { permissionFieldVersion, versionOf } from '@/lib/actions/versions';
import { metadataSummary, prettyMetadata } from '@/lib/format';
import { compactJson, layoutJson, objectMembers } from '@/lib/json-text';

const rowOf = (live: Record<string, string>, draft: AttributeDraft, key: string) => attributeRows(live, draft).find((row) => row.key === key)!;

describe('attribute drafts', () => {
  it('rows nobody touched follow the live attributes: a hand raised meanwhile shows and is not sent', () => {
    const opened = { seat: 'A1', badge: 'gold' };
    const draft = editRow(EMPTY_ATTRIBUTE_DRAFT, opened, rowOf(opened, EMPTY_ATTRIBUTE_DRAFT, 'seat'), { value: 'B2' });
    const now = { seat: 'A1', badge: 'gold', 'stagekeeper.hand': '2026-11-26T12:00:00Z' };
    expect(attributeRows(now, draft).map((row) => [row.key, row.value])).toEqual([
      ['seat', 'B2'],
      ['badge', 'gold'],
      ['stagekeeper.hand', '2026-11-26T12:00:00Z'],
    ]);
    expect(attributeChange(draft)).toEqual({ set: { seat: 'B2' }, remove: [], basedOn: { seat: versionOf('A1') } });
  });

  it('removes, renames and adds, each with the value it started from; a value typed back is no change', () => {
    const live = { a: '1', b: '2', c: '3' };
    let draft = removeRow(EMPTY_ATTRIBUTE_DRAFT, live, rowOf(live, EMPTY_ATTRIBUTE_DRAFT, 'a'));
    draft = editRow(draft, live, rowOf(live, draft, 'b'), { key: 'bee' });
    draft = addRow(draft);
    const added = attributeRows(live, draft).find((row) => row.original === null)!;
    draft = editRow(draft, live, added, { key: 'd', value: '4' });
    draft = editRow(draft, live, rowOf(live, draft, 'c'), { value: '30' });
    draft = editRow(draft, live, rowOf(live, draft, 'c'), { value: '3' });
    expect(attributeChange(draft)).toEqual({
      set: { bee: '2', d: '4' },
      remove: ['a', 'b'],
      basedOn: { a: versionOf('1'), b: versionOf('2'), bee: versionOf(''), d: versionOf('') },
    });
    expect(isUnchanged(EMPTY_ATTRIBUTE_DRAFT)).toBe(true);
    expect(isUnchanged(draft)).toBe(false);
  });

  it('a key removed and added again is one set, based on the value it had', () => {
    const live = { seat: 'A1' };
    let draft = removeRow(EMPTY_ATTRIBUTE_DRAFT, live, rowOf(live, EMPTY_ATTRIBUTE_DRAFT, 'seat'));
    draft = addRow(draft);
    draft = editRow(draft, live, attributeRows(live, draft)[0]!, { key: 'seat', value: 'C3' });
    expect(attributeChange(draft)).toEqual({ set: { seat: 'C3' }, remove: [], basedOn: { seat: versionOf('A1') } });
  });

  it('apply mine on top bases the conflicting key on their value; drop mine forgets my change to it', () => {
    const live = { seat: 'A1', note: 'x' };
    let draft = editRow(EMPTY_ATTRIBUTE_DRAFT, live, rowOf(live, EMPTY_ATTRIBUTE_DRAFT, 'seat'), { value: 'B2' });
    draft = editRow(draft, live, rowOf(live, draft, 'note'), { value: 'y' });
    const conflicts = [{ field: 'attributes.seat', current: 'Z9', version: versionOf('Z9') }];
    expect(attributeChange(rebaseAttributes(draft, conflicts)).basedOn).toEqual({ seat: versionOf('Z9'), note: versionOf('x') });
    expect(attributeChange(dropAttributes(draft, conflicts))).toEqual({ set: { note: 'y' }, remove: [], basedOn: { note: versionOf('x') } });
  });

  it('names what blocks a save', () => {
    expect(attributeProblem([{ id: '1', original: null, key: ' ', value: 'v' }])).toBe('Every attribute needs a key.');
    expect(
      attributeProblem([
        { id: '1', original: 'a', key: 'a', value: 'v' },
        { id: '2', original: null, key: 'a ', value: 'w' },
      ]),
    ).toBe('Keys must be unique.');
    expect(attributeProblem([{ id: '1', original: 'a', key: 'a', value: '' }])).toContain('Values cannot be empty');
  });
});

describe('versions', () => {
  it('differ when the value differs, and ignore the order of sources', () => {
    expect(versionOf('{"seat":"A1"}')).toMatch(/^[0-9a-f]{16}$/);
    expect(versionOf('{"seat":"A1"}')).toBe(versionOf('{"seat":"A1"}'));
    expect(versionOf('{"seat":"A1"}')).not.toBe(versionOf('{"seat":"A2"}'));
    expect(versionOf('')).not.toBe(versionOf(' '));
    expect(permissionFieldVersion('canPublishSources', ['camera', 'microphone'])).toBe(
      permissionFieldVersion('canPublishSources', ['microphone', 'camera']),
    );
    expect(permissionFieldVersion('hidden', true)).not.toBe(permissionFieldVersion('hidden', false));
  });
});

describe('JSON text laid out token by token', () => {
  const big = '{"ticket":12345678901234567890,"seats":[1, 2.50, 1e400],"name":"a \\"b\\" {c}, [d]","empty":{},"none":[ ]}';

  it('keeps integers above 2^53 and every other token exactly as written', () => {
    expect(JSON.stringify(JSON.parse(big))).not.toContain('12345678901234567890');
    const pretty = layoutJson(big);
    expect(pretty).toBe(
      '{\n  "ticket": 12345678901234567890,\n  "seats": [\n    1,\n    2.50,\n    1e400\n  ],\n  "name": "a \\"b\\" {c}, [d]",\n  "empty": {},\n  "none": []\n}',
    );
    expect(compactJson(pretty)).toBe('{"ticket":12345678901234567890,"seats":[1,2.50,1e400],"name":"a \\"b\\" {c}, [d]","empty":{},"none":[]}');
    expect(JSON.parse(compactJson(pretty))).toEqual(JSON.parse(big));
  });

  it('is how metadata is shown: JSON indented, other text as it is', () => {
    expect(prettyMetadata('{"id":98765432109876543210}')).toBe('{\n  "id": 98765432109876543210\n}');
    expect(prettyMetadata('just text, {not json')).toBe('just text, {not json');
  });

  it('summarizes a row with every number as written', () => {
    expect(objectMembers('{ "a" : 1, "b": {"c": [1, 2]}, "d:\\"": "x, y" }')).toEqual([
      ['a', '1'],
      ['b', '{"c":[1,2]}'],
      ['d:"', '"x, y"'],
    ]);
    expect(objectMembers('[1, 2]')).toBeNull();
    expect(metadataSummary('{"role":"Audience","ticket":12345678901234567890,"vip":true,"seat":null}')).toBe(
      'role: Audience · ticket: 12345678901234567890 · vip: true · seat: null',
    );
    expect(metadataSummary('[12345678901234567890]')).toBe('[12345678901234567890]');
    expect(metadataSummary('{}')).toBe('');
  });
});
