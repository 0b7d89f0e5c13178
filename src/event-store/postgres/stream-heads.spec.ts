import { StreamHeads } from './stream-heads';

describe('StreamHeads', () => {
  const head = (revision: number) => ({ revision, hash: `h${revision}` });

  it("offers the empty head for 'no-stream' without knowing the stream", () => {
    expect(new StreamHeads(10).forAppend('s', 'no-stream')).toEqual({ revision: -1, hash: '' });
  });

  it('offers a known head only when it satisfies the expected revision', () => {
    const heads = new StreamHeads(10);
    expect(heads.forAppend('s', 'any')).toBeUndefined();
    heads.remember('s', head(4));
    expect(heads.forAppend('s', 'any')).toEqual(head(4));
    expect(heads.forAppend('s', 'stream-exists')).toEqual(head(4));
    expect(heads.forAppend('s', 4)).toEqual(head(4));
    expect(heads.forAppend('s', 3)).toBeUndefined();
    expect(heads.forAppend('other', 'any')).toBeUndefined();
  });

  it("leaves 'no-stream' on a stream it knows to the complete path (it can only fail)", () => {
    const heads = new StreamHeads(10);
    heads.remember('s', head(0));
    expect(heads.forAppend('s', 'no-stream')).toBeUndefined();
    heads.forget('s');
    expect(heads.forAppend('s', 'no-stream')).toEqual({ revision: -1, hash: '' });
  });

  it('keeps the later of a remembered head and an event read', () => {
    const heads = new StreamHeads(10);
    heads.saw('s', head(2));
    heads.saw('s', head(1));
    expect(heads.forAppend('s', 'any')).toEqual(head(2));
    heads.remember('s', head(5));
    heads.saw('s', head(3));
    expect(heads.forAppend('s', 'any')).toEqual(head(5));
  });

  it('stores a copy of what it saw, not the event object', () => {
    const heads = new StreamHeads(10);
    const event = { ...head(1), data: { large: 'x'.repeat(100) } };
    heads.saw('s', event);
    expect(heads.forAppend('s', 'any')).toStrictEqual(head(1));
  });

  it('forgets a stream, and the one updated longest ago beyond its capacity', () => {
    const heads = new StreamHeads(2);
    heads.remember('a', head(1));
    heads.remember('b', head(1));
    heads.remember('a', head(2)); // a is now the latest update
    heads.remember('c', head(1));
    expect(heads.forAppend('b', 'any')).toBeUndefined();
    expect(heads.forAppend('a', 'any')).toEqual(head(2));
    heads.forget('a');
    expect(heads.forAppend('a', 'any')).toBeUndefined();
  });

  it('with capacity 0 offers nothing, not even for a new stream', () => {
    const heads = new StreamHeads(0);
    heads.remember('s', head(1));
    expect(heads.forAppend('s', 'any')).toBeUndefined();
    expect(heads.forAppend('s', 'no-stream')).toBeUndefined();
  });
});
