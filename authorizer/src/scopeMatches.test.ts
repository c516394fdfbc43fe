import { hasScope, scopeCovers, tokenScopes } from './scopeMatches';

describe('scopeCovers(tokenScope, requiredScope)', () => {
  it.each([
    ['user/ImagingStudy.read', 'user/ImagingStudy.read'],
    ['user/*.read', 'user/ImagingStudy.read'],
    ['user/ImagingStudy.*', 'user/ImagingStudy.read'],
    ['user/ImagingStudy.*', 'user/ImagingStudy.write'],
    ['user/*.*', 'user/ImagingStudy.write'],
    ['system/*.write', 'system/ImagingStudy.write'],
    ['system/*.*', 'system/ImagingStudy.read'],
    ['openid', 'openid'],
    ['https://api.example.test/imaging', 'https://api.example.test/imaging'],
    ['user/*.read', 'user/*.read'],
  ])('%s covers %s', (token, required) => {
    expect(scopeCovers(token, required)).toBe(true);
  });

  it.each([
    ['user/ImagingStudy.write', 'user/ImagingStudy.read'],
    ['user/ImagingStudy.read', 'user/ImagingStudy.write'],
    ['user/*.*', 'system/ImagingStudy.read'],
    ['patient/*.*', 'user/ImagingStudy.read'],
    ['system/*.write', 'user/ImagingStudy.write'],
    ['user/Patient.read', 'user/ImagingStudy.read'],
    ['user/ImagingStudy.read', 'user/*.read'],
    ['*/*.*', 'user/ImagingStudy.read'],
    ['user/Imaging*.read', 'user/ImagingStudy.read'],
    ['user/*.rs', 'user/ImagingStudy.rs'],
    ['User/ImagingStudy.read', 'user/ImagingStudy.read'],
    ['openid', 'profile'],
  ])('%s does not cover %s', (token, required) => {
    expect(scopeCovers(token, required)).toBe(false);
  });
});

it('hasScope looks through every token scope', () => {
  expect(hasScope(['openid', 'system/*.write'], 'system/ImagingStudy.write')).toBe(true);
  expect(hasScope(['openid', 'profile'], 'system/ImagingStudy.write')).toBe(false);
  expect(hasScope([], 'openid')).toBe(false);
});

it('tokenScopes reads scope, scp and permissions (Auth0 RBAC), strings or arrays', () => {
  expect(tokenScopes({ scope: 'a', scp: ['b'], permissions: ['read:studies', 7] })).toEqual(['a', 'b', 'read:studies']);
  expect(tokenScopes({ permissions: 'x y' })).toEqual(['x', 'y']);
  expect(tokenScopes({ scope: 'openid  user/ImagingStudy.read' })).toEqual(['openid', 'user/ImagingStudy.read']);
  expect(tokenScopes({ scp: ['a', 'b', 3] })).toEqual(['a', 'b']);
  expect(tokenScopes({ scp: 'c d' })).toEqual(['c', 'd']);
  expect(tokenScopes({})).toEqual([]);
});
