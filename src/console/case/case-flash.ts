import { FLASH_COOKIE, serializeCookie } from '../http/cookies';
import { isActionType } from './case-action-form';
import type { CaseNotice } from './case.page';

/** Long enough for the 303's GET on a slow link; the page clears it as soon as it shows it. */
const FLASH_SECONDS = 60;
const PROBLEM_CODE = /^[a-z0-9-]{1,60}$/;

/**
 * The outcome of a case-page POST, carried to the GET it redirects to in a
 * one-shot cookie (HttpOnly, SameSite=Strict, Path=/console): a link cannot
 * set it, so no crafted URL can show a false "done" or "refused" notice.
 * The value names the case, so it shows only on the page it was posted from.
 */
export function flashCookie(caseId: string, notice: CaseNotice, secure: boolean): string {
  const value = notice.kind === 'done' ? `${caseId} done ${notice.action}` : `${caseId} problem ${notice.code}`;
  return serializeCookie(FLASH_COOKIE, value, { maxAgeSeconds: FLASH_SECONDS, httpOnly: true, secure, sameSite: 'Strict' });
}

export const clearedFlashCookie = (secure: boolean): string =>
  serializeCookie(FLASH_COOKIE, '', { maxAgeSeconds: 0, httpOnly: true, secure, sameSite: 'Strict' });

/** The notice a flash cookie carries for this case (undefined for another case's or a malformed one). */
export function noticeFromFlash(value: string | undefined, caseId: string): CaseNotice | undefined {
  const [id, kind, detail, ...rest] = (value ?? '').split(' ');
  if (id !== caseId || rest.length > 0) return undefined;
  if (kind === 'done' && isActionType(detail)) return { kind: 'done', action: detail };
  if (kind === 'problem' && detail !== undefined && PROBLEM_CODE.test(detail)) return { kind: 'problem', code: detail };
  return undefined;
}
