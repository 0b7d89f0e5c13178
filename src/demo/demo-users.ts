import { Principal } from '../auth/principal';
import { Region } from '../regulations/regulation.model';

/**
 * The people of the demo: one provider and one State Corporation office per
 * region, with every role. The demo seeder (`--demo`) acts as them through the
 * real command path, and the console's development-only sign-in lists them.
 * Organisation ids are free strings in this service (a case names its provider
 * at receipt); these are invented for the demo and name no real body.
 */
export interface DemoUser extends Principal {
  displayName: { ru: string; kk: string };
}

export interface DemoOrganisations {
  provider: string;
  stateCorporation: string;
}

export const DEMO_ORGANISATIONS: Record<Region, DemoOrganisations> = {
  astana: { provider: 'demo-astana-education-dept', stateCorporation: 'demo-sc-astana' },
  'almaty-oblast': { provider: 'demo-almaty-oblast-school-1', stateCorporation: 'demo-sc-almaty-oblast' },
  'kostanay-oblast': { provider: 'demo-kostanay-school-7', stateCorporation: 'demo-sc-kostanay' },
  'west-kazakhstan-oblast': { provider: 'demo-uralsk-college-3', stateCorporation: 'demo-sc-uralsk' },
};

const REGION_NAMES: Record<Region, { ru: string; kk: string }> = {
  astana: { ru: 'Астана', kk: 'Астана' },
  'almaty-oblast': { ru: 'Алматинская область', kk: 'Алматы облысы' },
  'kostanay-oblast': { ru: 'Костанайская область', kk: 'Қостанай облысы' },
  'west-kazakhstan-oblast': { ru: 'Западно-Казахстанская область', kk: 'Батыс Қазақстан облысы' },
};

const ROLE_PEOPLE = [
  { key: 'clerk', roles: ['clerk'], org: 'provider', ru: 'Канцелярия', kk: 'Кеңсе' },
  { key: 'head', roles: ['head'], org: 'provider', ru: 'Руководитель', kk: 'Басшы' },
  { key: 'executor-1', roles: ['executor'], org: 'provider', ru: 'Исполнитель 1', kk: 'Орындаушы 1' },
  { key: 'executor-2', roles: ['executor'], org: 'provider', ru: 'Исполнитель 2', kk: 'Орындаушы 2' },
  {
    key: 'sc-operator',
    roles: ['state-corporation-operator'],
    org: 'stateCorporation',
    ru: 'Оператор Госкорпорации',
    kk: 'Мемлекеттік корпорация операторы',
  },
  { key: 'oversight', roles: ['oversight'], org: 'provider', ru: 'Надзор', kk: 'Бақылау' },
  { key: 'appeal-reviewer', roles: ['appeal-reviewer'], org: 'provider', ru: 'Рассмотрение жалоб', kk: 'Шағымдарды қарау' },
  { key: 'admin', roles: ['admin'], org: 'provider', ru: 'Администратор', kk: 'Әкімші' },
] as const;

const REGION_LIST: readonly Region[] = ['astana', 'almaty-oblast', 'kostanay-oblast', 'west-kazakhstan-oblast'];

/** Every demo user: `demo-<region>-<role key>`, stable across runs. */
export const DEMO_USERS: readonly DemoUser[] = REGION_LIST.flatMap((region) =>
  ROLE_PEOPLE.map((person) => ({
    userId: `demo-${region}-${person.key}`,
    roles: [...person.roles],
    organisation: DEMO_ORGANISATIONS[region][person.org],
    region,
    displayName: { ru: `${person.ru} (${REGION_NAMES[region].ru})`, kk: `${person.kk} (${REGION_NAMES[region].kk})` },
  })),
);

export const demoUser = (region: Region, key: (typeof ROLE_PEOPLE)[number]['key']): DemoUser | undefined =>
  DEMO_USERS.find((user) => user.userId === `demo-${region}-${key}`);
