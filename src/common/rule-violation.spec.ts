import { toProblem } from './problem.filter';
import { CatalogLookupError, ReplayPointError } from './rule-violation';

describe('rule violations at the edge', () => {
  it('become problem+json with the status of their kind, their code, and their members as they are', () => {
    const refused = new CatalogLookupError('unprocessable', 'channel-not-available', 'v2 does not accept applications via portal', {
      version: 'v2',
    });
    expect(toProblem(refused).toBody('/regulations/in-force')).toEqual({
      type: 'urn:problem:channel-not-available',
      title: 'Unprocessable Content',
      status: 422,
      code: 'channel-not-available',
      detail: 'v2 does not accept applications via portal',
      instance: '/regulations/in-force',
      version: 'v2',
    });
    expect(toProblem(new CatalogLookupError('not-found', 'regulation-not-found', 'none')).status).toBe(404);
    expect(toProblem(new ReplayPointError('invalid', 'invalid-at', 'bad')).status).toBe(400);
  });
});
