import { toPrincipal } from './principal';

const valid = { sub: 'u-1', roles: ['clerk', 'head'], org: 'org-1', region: 'astana' };

describe('toPrincipal', () => {
  it('maps well-formed claims to a principal', () => {
    expect(toPrincipal(valid)).toEqual({ userId: 'u-1', roles: ['clerk', 'head'], organisation: 'org-1', region: 'astana' });
  });

  it.each([
    ['null', null],
    ['a string', 'clerk'],
    ['an array', [valid]],
    ['no subject', { ...valid, sub: '' }],
    ['a numeric subject', { ...valid, sub: 7 }],
    ['no roles', { ...valid, roles: [] }],
    ['roles not a list', { ...valid, roles: 'clerk' }],
    ['an unknown role among known ones', { ...valid, roles: ['clerk', 'root'] }],
    ['a role that is not text', { ...valid, roles: ['clerk', 1] }],
    ['no organisation', { ...valid, org: '' }],
    ['an unknown region', { ...valid, region: 'atlantis' }],
    ['a region that is not text', { ...valid, region: ['astana'] }],
  ])('refuses %s', (_, claims) => {
    expect(toPrincipal(claims)).toBeUndefined();
  });
});
