import type { Principal, Role } from '../auth/principal';
import { initials, maskPerson, personalDataFor, seesPersonalData } from './personal-data-policy';

const as = (...roles: Role[]): Principal => ({
  userId: 'u1',
  roles,
  organisation: 'org-1',
  region: 'astana',
});

describe('personal-data policy', () => {
  it('writes a name by the first letter of each part', () => {
    expect(initials('Асель  Нурлановна Сапарова')).toBe('А. Н. С.');
    expect(initials('𝒜lan Bek')).toBe('𝒜. B.');
  });

  it('shows the IIN and name to the roles that work with the applicant, masks them for others', () => {
    expect(seesPersonalData(as('clerk'))).toBe(true);
    expect(seesPersonalData(as('appeal-reviewer'))).toBe(true);
    expect(seesPersonalData(as('oversight'))).toBe(false);
  });

  it('masks a person by initials and the date part of the IIN, keeping the other fields', () => {
    const representative = {
      name: 'Марат Ахметов',
      iin: '900101300123',
      powerOfAttorney: { number: 'PA-1', date: '2024-01-01' },
    };
    expect(maskPerson(representative, true)).toBe(representative);
    expect(personalDataFor(as('oversight'), { iin: '850203400321', name: 'Асель Сапарова' }, representative)).toEqual({
      applicant: { iin: '850203******', name: 'А. С.' },
      representative: {
        name: 'М. А.',
        iin: '900101******',
        powerOfAttorney: { number: 'PA-1', date: '2024-01-01' },
      },
      masked: true,
    });
  });
});
