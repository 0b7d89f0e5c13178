import { Principal, Role } from '../auth/principal';
import { Region } from '../regulations/regulation.model';

const person = (userId: string, role: Role, organisation: string, region: Region = 'kostanay-oblast'): Principal => ({
  userId,
  roles: [role],
  organisation,
  region,
});

/**
 * Whom valid fuzz tokens speak for: the offices of Kostanay's school-7 and
 * its State Corporation office (the receiver first: it is the one who can open
 * a case), the region's readers, and outsiders of another school and region.
 */
export const FUZZ_PRINCIPALS: Principal[] = [
  person('u-op', 'state-corporation-operator', 'sc-kostanay'),
  person('u-clerk', 'clerk', 'school-7'),
  person('u-head', 'head', 'school-7'),
  person('u-exec', 'executor', 'school-7'),
  person('u-ov', 'oversight', 'regional-education-department'),
  person('u-rev', 'appeal-reviewer', 'appeals-commission'),
  person('u-admin', 'admin', 'ministry'),
  person('u-other-clerk', 'clerk', 'school-9'),
  person('u-other-op', 'state-corporation-operator', 'sc-astana', 'astana'),
];

export const RECEIVER = FUZZ_PRINCIPALS[0];
export const ADMIN = FUZZ_PRINCIPALS[6];

/** A valid application for RECEIVER on a day a Kostanay duplicates regulation was in force (e.g. 2019-03-04). */
export const VALID_APPLICATION = {
  channel: 'state-corporation',
  service: 'secondary-education-duplicates',
  providerOrganisation: 'school-7',
  applicant: { iin: '900101300017', name: 'Иванов Иван' },
  documents: ['заявление'],
  consentToProtectedData: true,
};
