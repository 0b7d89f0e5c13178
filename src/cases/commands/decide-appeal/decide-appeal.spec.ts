import { clerk, head, T0, run, violation, receiveAtOffice } from '../../domain/testing/decide-fixtures';

describe('decide an appeal', () => {
  it('gives the head 5 working days and marks a late decision late', () => {
    const history = run([], receiveAtOffice, clerk);
    history.push(...run(history, { type: 'FileAppeal', appealId: 'a-1', grounds: 'slow' }, clerk));
    const late = new Date(T0.getTime() + 6 * 24 * 3600_000);
    const [decided] = run(history, { type: 'DecideAppeal', appealId: 'a-1', decision: 'upheld', reasoning: 'late indeed' }, head, late);
    expect(decided.type === 'AppealDecided' && decided.data.late).toBe(true);
    expect(violation(() => run(history, { type: 'DecideAppeal', appealId: 'a-1', decision: 'upheld', reasoning: 'x' }, clerk)).code).toBe(
      'wrong-role',
    );
  });
});
