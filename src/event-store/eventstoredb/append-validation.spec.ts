import { InvalidAppendError, type ExpectedRevision, type NewEvent } from '../event-store.port';
import { validateAppend } from './append-validation';

describe('append validation', () => {
  const valid = (overrides: Partial<NewEvent> = {}): NewEvent => ({
    id: '3f1c2b7e-8a4d-4c1e-9b2a-1d2e3f4a5b6c',
    type: 'CaseOpened',
    schemaVersion: 1,
    data: { a: 1 },
    metadata: {},
    ...overrides,
  });
  const rejects = (streamId: string, events: NewEvent[], pattern: RegExp, expected: ExpectedRevision = 'any') => {
    expect(() => validateAppend(streamId, events, expected)).toThrow(InvalidAppendError);
    expect(() => validateAppend(streamId, events, expected)).toThrow(pattern);
  };

  it('accepts a well-formed batch', () => {
    expect(() => validateAppend('case-1', [valid()], 'any')).not.toThrow();
    expect(() => validateAppend('case-1', [valid()], 0)).not.toThrow();
  });

  it('rejects empty or reserved stream ids and odd expectations', () => {
    rejects('', [valid()], /1 to 500 characters/);
    rejects('x'.repeat(501), [valid()], /1 to 500 characters/);
    rejects('case\n1', [valid()], /control characters/);
    rejects('$case-1', [valid()], /reserved/);
    rejects('case-1', [valid()], /expected revision/, -1);
    rejects('case-1', [valid()], /expected revision/, 1.5);
  });

  it('rejects an empty batch, bad or repeated ids', () => {
    rejects('case-1', [], /at least one/);
    rejects('case-1', [valid({ id: 'not-a-uuid' })], /UUID/);
    rejects('case-1', [valid(), valid({ id: valid().id.toUpperCase() })], /twice/);
  });

  it('rejects reserved or empty types and bad schema versions', () => {
    rejects('case-1', [valid({ type: '' })], /type/);
    rejects('case-1', [valid({ type: 'Case\tOpened' })], /type/);
    rejects('case-1', [valid({ schemaVersion: 2 ** 31 })], /schemaVersion/);
    rejects('case-1', [valid({ type: '$metadata' })], /reserved/);
    rejects('case-1', [valid({ schemaVersion: 0 })], /schemaVersion/);
    rejects('case-1', [valid({ schemaVersion: 1.5 })], /schemaVersion/);
  });

  it('rejects data or metadata that is not JSON, and the reserved metadata key', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    rejects('case-1', [valid({ data: cyclic })], /data/);
    rejects('case-1', [valid({ data: undefined })], /data/);
    rejects('case-1', [valid({ data: 1n })], /data/);
    rejects('case-1', [valid({ metadata: [] as never })], /metadata/);
    rejects('case-1', [valid({ metadata: { $kz: 1 } })], /reserved/);
  });
});
