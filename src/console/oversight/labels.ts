import { ROLES } from '../../auth/principal';
import { CHANNELS, DURATION_UNITS, STEP_ACTIONS, STEP_ROLES } from '../../regulations/regulation.model';
import { formatCount, formatNumber } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';

const member = <K extends string>(list: readonly K[], value: string): value is K => list.some((item) => item === value);

/** The read model stores codes as text: word the known ones, show any other as it is. */
export const stepRoleLabel = (role: string, t: Messages): string => (member(STEP_ROLES, role) ? t.stepRoles[role] : role);
export const personRoleLabel = (role: string, t: Messages): string => (member(ROLES, role) ? t.roles[role] : stepRoleLabel(role, t));

/** The step-timeline's row for an appeal's consideration (timeline-reducer.ts): no step of a regulation's path. */
const APPEAL_STEP = { step: 'appeal', action: 'appeal-decided' };

/** A step as people name it (its action's label, or the appeal's); undefined for codes no dictionary words. */
export function stepLabel(step: string, action: string, t: Messages): string | undefined {
  if (member(STEP_ACTIONS, action)) return t.stepActions[action];
  if (step === APPEAL_STEP.step && action === APPEAL_STEP.action) return t.oversight.appealStep;
  return undefined;
}

/** stepLabel, or the codes as stored when there is none. */
export const stepText = (step: string, action: string, t: Messages): string => stepLabel(step, action, t) ?? `${step} ${action}`;
export const channelLabel = (channel: string, t: Messages): string => (member(CHANNELS, channel) ? t.channels[channel] : channel);

/** "13 рабочих дней"; "не установлен" when the regulation states none. */
export function regulatedLabel(duration: { value: number; unit: string } | null, t: Messages, lang: Lang): string {
  if (duration === null) return t.oversight.notRegulated;
  return member(DURATION_UNITS, duration.unit)
    ? formatCount(duration.value, t.units[duration.unit], lang)
    : `${formatNumber(duration.value, lang)} ${duration.unit}`;
}

const LOCALES: Record<Lang, string> = { ru: 'ru-RU', kk: 'kk-KZ' };

/** Made once per language (constructing an Intl formatter costs about a millisecond). */
const PERCENT: Record<Lang, Intl.NumberFormat> = {
  ru: new Intl.NumberFormat(LOCALES.ru, { style: 'percent', maximumFractionDigits: 1 }),
  kk: new Intl.NumberFormat(LOCALES.kk, { style: 'percent', maximumFractionDigits: 1 }),
};
const MONTH: Record<Lang, Intl.DateTimeFormat> = {
  ru: new Intl.DateTimeFormat(LOCALES.ru, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  kk: new Intl.DateTimeFormat(LOCALES.kk, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

export const formatShare = (share: number, lang: Lang): string => PERCENT[lang].format(share);

/** "март 2019 г." for "2019-03" (months are already the provider's local months). */
export const formatMonth = (month: string, lang: Lang): string => MONTH[lang].format(new Date(`${month}-01T00:00:00Z`));
