import { Caller } from '../../domain/case.decide';
import { staff, clerk, head, executor, run, violation, receiveAtOffice } from '../../domain/testing/decide-fixtures';

describe('file and forward an appeal', () => {
  it('takes appeals only from the provider’s clerk or head, forwards them only by its clerk', () => {
    const history = run([], receiveAtOffice, clerk);
    const appeal = (who: Caller) => run(history, { type: 'FileAppeal', appealId: 'a-1', grounds: 'late' }, who);
    expect(appeal(clerk)[0].type).toBe('AppealFiled');
    expect(appeal(head)[0].type).toBe('AppealFiled');
    expect(violation(() => appeal(executor)).code).toBe('wrong-role');
    expect(violation(() => appeal(staff('u-c9', 'clerk', 'school-99'))).code).toBe('case-not-found');
    expect(violation(() => appeal(staff('u-rev', 'appeal-reviewer', 'appeals'))).code).toBe('wrong-role');
    expect(violation(() => appeal(staff('u-op', 'state-corporation-operator', 'school-7'))).code).toBe('case-not-found');
    // Seeing the case as oversight does not make a clerk of another school one of its offices.
    const overseeingClerk: Caller = { id: 'u-oc', roles: ['oversight', 'clerk'], organisation: 'school-99', region: 'kostanay-oblast' };
    expect(violation(() => appeal(overseeingClerk)).code).toBe('wrong-role');
    history.push(...appeal(clerk));
    const forward = (who: Caller) => run(history, { type: 'ForwardAppeal', appealId: 'a-1', to: 'u-head' }, who);
    expect(forward(clerk)[0].type).toBe('AppealForwarded');
    expect(violation(() => forward(head)).code).toBe('wrong-role');
    expect(violation(() => forward(staff('u-c9', 'clerk', 'school-99'))).code).toBe('case-not-found');
  });
});
