import { toNewEvents, uuidFromName } from './case-stream';
import { isUuid } from '../common/ids';

describe('case stream mapping', () => {
  it('derives stable, valid event ids from the command id', () => {
    expect(uuidFromName('cmd-1:0')).toBe(uuidFromName('cmd-1:0'));
    expect(uuidFromName('cmd-1:0')).not.toBe(uuidFromName('cmd-1:1'));
    expect(isUuid(uuidFromName('x'))).toBe(true);
  });

  it('puts actor, instant and command ids into the metadata', () => {
    const actor = { id: 'u', role: 'head', organisation: 'o' };
    const [event] = toNewEvents(
      [
        {
          type: 'ResultSigned',
          data: {
            caseId: 'c',
            actor,
            occurredAt: '2019-01-01T00:00:00.000Z',
            step: { stepId: 's', action: 'signed', citation: { paragraph: '5', quote: 'q' }, late: false },
          },
        },
      ],
      { commandId: 'cmd', correlationId: 'corr', causationId: 'cause' },
    );
    expect(event.metadata).toEqual({
      actor,
      occurredAt: '2019-01-01T00:00:00.000Z',
      commandId: 'cmd',
      correlationId: 'corr',
      causationId: 'cause',
    });
    expect(event.schemaVersion).toBe(2);
  });
});
