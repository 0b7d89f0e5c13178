/** Why the sign-in page is shown; the page words each one. */
export type SignInReason = 'required' | 'expired' | 'invalid' | 'signed-out';

export const SIGN_IN_REASONS: readonly SignInReason[] = ['required', 'expired', 'invalid', 'signed-out'];

export const isSignInReason = (value: unknown): value is SignInReason => SIGN_IN_REASONS.some((r) => r === value);

/** Thrown by the console guard: the console's error filter answers with the sign-in page (never a 5xx). */
export class SignInRequired extends Error {
  constructor(readonly reason: SignInReason) {
    super(`sign-in required: ${reason}`);
    this.name = 'SignInRequired';
  }
}
