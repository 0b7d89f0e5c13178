import { messagesFor } from '../i18n/messages';
import { stepLabel, stepText } from './labels';

describe('oversight step labels', () => {
  const ru = messagesFor('ru');
  const kk = messagesFor('kk');

  it('words a step by its action, and the appeal row as the appeal’s consideration', () => {
    expect(stepLabel('office-2', 'visa-imposed', ru)).toBe('наложение визы');
    expect(stepLabel('appeal', 'appeal-decided', ru)).toBe('рассмотрение жалобы');
    expect(stepLabel('appeal', 'appeal-decided', kk)).toBe('шағымды қарау');
  });

  it('leaves codes no dictionary words as they are stored', () => {
    expect(stepLabel('office-9', 'something-new', ru)).toBeUndefined();
    expect(stepText('office-9', 'something-new', ru)).toBe('office-9 something-new');
    expect(stepText('appeal', 'appeal-decided', ru)).toBe('рассмотрение жалобы');
  });
});
