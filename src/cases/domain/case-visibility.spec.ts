import { CaseRuleViolation } from './case-error';
import { caseVisibility, requireVisible } from './case-visibility';

const KST = 'kostanay-oblast';
const viaSc = { region: KST, providerOrganisation: 'school-7', stateCorporationOrganisation: 'sc-kst' };
const atOffice = { region: KST, providerOrganisation: 'school-7' };
const who = (role: string, organisation: string, region = KST) => ({ roles: [role], organisation, region });

describe('case visibility: one rule for every case route', () => {
  it.each([
    ['clerk', 'school-7', KST, true, true],
    ['head', 'school-7', KST, true, true],
    ['executor', 'school-7', KST, true, true],
    ['clerk', 'school-9', KST, false, false],
    ['head', 'school-7', 'astana', false, false],
    ['state-corporation-operator', 'sc-kst', KST, true, false],
    ['state-corporation-operator', 'sc-other', KST, false, false],
    ['state-corporation-operator', 'school-7', KST, false, false],
    ['clerk', 'sc-kst', KST, false, false],
    ['oversight', 'dept', KST, true, true],
    ['appeal-reviewer', 'appeals', KST, true, true],
    ['admin', 'it', KST, true, true],
    ['oversight', 'dept', 'astana', false, false],
    ['admin', 'it', 'astana', false, false],
  ])('%s of %s in %s: via the State Corporation %s, at the office %s', (role, organisation, region, seesViaSc, seesAtOffice) => {
    expect(caseVisibility(who(role, organisation, region), viaSc).visible).toBe(seesViaSc);
    expect(caseVisibility(who(role, organisation, region), atOffice).visible).toBe(seesAtOffice);
  });

  it('names every basis the caller holds', () => {
    expect(caseVisibility({ roles: ['clerk', 'oversight'], organisation: 'school-7', region: KST }, viaSc)).toEqual({
      visible: true,
      basis: ['provider-staff', 'regional'],
    });
  });

  it('a missing case and a hidden one are the same violation', () => {
    const missing = (() => {
      try {
        requireVisible(who('clerk', 'school-9'), undefined);
      } catch (e) {
        return e;
      }
    })();
    const hidden = (() => {
      try {
        requireVisible(who('clerk', 'school-9'), atOffice);
      } catch (e) {
        return e;
      }
    })();
    expect(missing).toBeInstanceOf(CaseRuleViolation);
    expect(hidden).toEqual(missing);
    expect(JSON.stringify({ ...(hidden as CaseRuleViolation) })).not.toContain(KST);
  });
});
