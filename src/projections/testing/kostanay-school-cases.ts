/**
 * The cases the read-model specs drive through the real domain: a duplicate of
 * secondary-education documents for school 7 in Kostanay oblast, applied for
 * at the school's own office or through the State Corporation.
 */
export const AT_SCHOOL_OFFICE = {
  region: 'kostanay-oblast',
  service: 'secondary-education-duplicates',
  channel: 'provider-office',
  providerOrganisation: 'school-7',
} as const;

export const THROUGH_STATE_CORPORATION = { ...AT_SCHOOL_OFFICE, channel: 'state-corporation' } as const;
