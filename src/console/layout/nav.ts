import type { Principal, Role } from '../../auth/principal';

type NavLabel = 'navQueue' | 'navOversight' | 'navAppeals' | 'navProjections';

export interface NavItem {
  href: string;
  label: NavLabel;
  /** Shown to a user holding any of these roles (the page's @Roles should match). */
  roles: readonly Role[];
}

/** The console's sections, in menu order. A new page adds its entry here. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/console/queue', label: 'navQueue', roles: ['clerk', 'head', 'executor', 'state-corporation-operator'] },
  { href: '/console/oversight', label: 'navOversight', roles: ['oversight'] },
  { href: '/console/appeals', label: 'navAppeals', roles: ['appeal-reviewer'] },
  { href: '/console/projections', label: 'navProjections', roles: ['admin'] },
];

export const navFor = (principal: Principal): NavItem[] =>
  NAV_ITEMS.filter((item) => item.roles.some((role) => principal.roles.includes(role)));
