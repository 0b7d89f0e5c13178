import { Principal, Role } from '../../auth/principal';
import { ProblemError } from '../../common/problem';
import { assertCanReadAccessLog, decideCaseAccess } from './access-policy';

const parties = { region: 'kostanay-oblast', providerOrganisation: 'school-7', stateCorporationOrganisation: 'sc-kostanay' };
const who = (role: Role, organisation: string, region: Principal['region'] = 'kostanay-oblast'): Principal => ({
  userId: `u-${role}`,
  roles: [role],
  organisation,
  region,
});

describe('who may read a case audit', () => {
  it.each([
    ['appeal-reviewer', 'appeals-dept', 'kostanay-oblast', true],
    ['oversight', 'ed-dept', 'kostanay-oblast', true],
    ['appeal-reviewer', 'appeals-dept', 'astana', false],
    ['oversight', 'ed-dept', 'west-kazakhstan-oblast', false],
    ['clerk', 'school-7', 'kostanay-oblast', true],
    ['head', 'school-7', 'kostanay-oblast', true],
    ['executor', 'school-7', 'kostanay-oblast', true],
    ['state-corporation-operator', 'sc-kostanay', 'kostanay-oblast', true],
    ['clerk', 'school-9', 'kostanay-oblast', false],
    ['state-corporation-operator', 'sc-other', 'kostanay-oblast', false],
    ['admin', 'it', 'kostanay-oblast', false],
    ['admin', 'school-7', 'kostanay-oblast', false],
  ] as const)('%s of %s in %s: %s', (role, org, region, allowed) => {
    expect(decideCaseAccess(who(role, org, region), parties).allowed).toBe(allowed);
  });

  it('names the role that grants access', () => {
    const both: Principal = { userId: 'u', roles: ['clerk', 'oversight'], organisation: 'x', region: 'kostanay-oblast' };
    expect(decideCaseAccess(both, parties)).toEqual({ allowed: true, role: 'oversight', basis: 'regional-auditor' });
  });

  it('the access log: oversight, appeal reviewers and admins of the region', () => {
    expect(assertCanReadAccessLog(who('admin', 'it'), parties)).toBe('admin');
    expect(() => assertCanReadAccessLog(who('clerk', 'school-7'), parties)).toThrow(ProblemError);
    expect(() => assertCanReadAccessLog(who('oversight', 'ed', 'astana'), parties)).toThrow('No such case');
    expect(() => assertCanReadAccessLog(who('admin', 'it'), undefined)).toThrow('No such case');
  });
});
