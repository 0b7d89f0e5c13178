import { perObject } from './per-object';

describe('perObject', () => {
  it('computes once per argument object, undefined results included, and again for an equal but other object', () => {
    let calls = 0;
    const lengthOf = perObject((list: number[]) => {
      calls += 1;
      return list.length;
    });
    const list = [1, 2, 3];
    expect([lengthOf(list), lengthOf(list)]).toEqual([3, 3]);
    expect(calls).toBe(1);
    expect(lengthOf([1, 2, 3])).toBe(3);
    expect(calls).toBe(2);

    let seen = 0;
    const nothing = perObject((_: object): undefined => {
      seen += 1;
      return undefined;
    });
    const key = {};
    nothing(key);
    nothing(key);
    expect(seen).toBe(1);
  });
});
