import type { Principal } from '../../auth/principal';
import { queueScopeFor } from './work-queue.scope';

const who = (roles: Principal['roles'], organisation = 'school-7'): Principal => ({
  userId: 'u-1',
  roles,
  organisation,
  region: 'kostanay-oblast',
});

describe('who sees which part of the work queue', () => {
  it('provider staff: their organisation as provider', () => {
    expect(queueScopeFor(who(['clerk']), {})).toEqual({
      region: 'kostanay-oblast',
      providerOrganisations: ['school-7'],
      scOrganisations: [],
      assignee: undefined,
    });
  });

  it('State Corporation operators: cases their office received', () => {
    expect(queueScopeFor(who(['state-corporation-operator'], 'sc-kst'), {})).toMatchObject({
      providerOrganisations: [],
      scOrganisations: ['sc-kst'],
    });
  });

  it('an executor filtering assignee=me gets their own id', () => {
    expect(queueScopeFor(who(['executor']), { assignee: 'me' }).assignee).toBe('u-1');
  });

  it('staff cannot name another organisation', () => {
    expect(() => queueScopeFor(who(['head']), { organisation: 'school-8' })).toThrow(
      expect.objectContaining({ status: 403, code: 'organisation-out-of-scope' }),
    );
    expect(queueScopeFor(who(['head']), { organisation: 'school-7' }).providerOrganisations).toEqual(['school-7']);
  });

  it('oversight: the whole region, optionally one organisation', () => {
    expect(queueScopeFor(who(['oversight'], 'kst-edu'), { organisation: 'school-8' })).toEqual({
      region: 'kostanay-oblast',
      organisation: 'school-8',
      assignee: undefined,
    });
  });

  it('other roles are refused', () => {
    expect(() => queueScopeFor(who(['appeal-reviewer']), {})).toThrow(expect.objectContaining({ status: 403 }));
  });
});
