import { findPriorAppend } from './prior-append';

describe('finding a prior append of the same ids', () => {
  const events = (...ids: string[]) => ids.map((id, i) => ({ id, revision: 10 + i }));
  const A = 'aaaaaaaa-0000-4000-8000-000000000001';
  const B = 'bbbbbbbb-0000-4000-8000-000000000002';
  const C = 'cccccccc-0000-4000-8000-000000000003';
  const X = 'dddddddd-0000-4000-8000-000000000004';

  it('finds nothing when no id is there', () => {
    expect(findPriorAppend([A, B], events(X, C))).toEqual({ kind: 'none' });
  });

  it('recognises the whole run, in order and contiguous, ignoring case', () => {
    const prior = findPriorAppend([A.toUpperCase(), B], events(X, A, B, C));
    expect(prior).toEqual({ kind: 'replay', last: { id: B, revision: 12 } });
  });

  it('reports some-but-not-all as a conflict', () => {
    expect(findPriorAppend([A, B], events(X, A))).toMatchObject({
      kind: 'conflict',
      reason: '1 of 2 event ids already exist in the stream',
    });
  });

  it('reports another order or a gap as a conflict', () => {
    expect(findPriorAppend([A, B], events(B, A))).toMatchObject({ kind: 'conflict' });
    expect(findPriorAppend([A, B], events(A, X, B))).toMatchObject({ kind: 'conflict' });
  });

  it('reports ids stored twice as a conflict', () => {
    expect(findPriorAppend([A], events(A, A))).toMatchObject({ kind: 'conflict' });
  });
});
