import type { Role } from '../../auth/principal';

/**
 * Who receives an application at the counter: the roles the regulations give
 * the receipt step (the provider's office or a State Corporation operator).
 * POST /cases lets all staff in and the domain refuses the others; the console
 * only offers the form to those who can use it.
 */
export const RECEIVE_ROLES = ['clerk', 'state-corporation-operator'] as const satisfies readonly Role[];

export const mayReceive = (roles: readonly Role[]): boolean => RECEIVE_ROLES.some((role) => roles.includes(role));
