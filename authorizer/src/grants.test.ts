import type { GrantRule } from './AuthorizerSettings';
import { claimValue, explainNoGrant, grantFor, roleFor, ruleMatches } from './grants';

const roles = {
  reader: 'arn:aws:iam::000000000000:role/HealthImagingReader',
  importer: 'arn:aws:iam::000000000000:role/HealthImagingImporter',
};
const rules: GrantRule[] = [
  { claim: 'cognito:groups', includes: 'readers', grant: 'read' },
  { claim: 'cognito:groups', includes: 'importers', grant: 'write' },
  { scope: 'user/ImagingStudy.read', grant: 'read' },
  { scope: 'system/ImagingStudy.write', grant: 'write' },
];

describe('ruleMatches', () => {
  const groupRule: GrantRule = { claim: 'groups', includes: 'readers', grant: 'read' };

  it('matches an array claim that contains the value', () => {
    expect(ruleMatches(groupRule, { groups: ['staff', 'readers'] })).toBe(true);
    expect(ruleMatches(groupRule, { groups: ['staff'] })).toBe(false);
  });

  it('matches a string claim equal to the value, not a substring', () => {
    expect(ruleMatches(groupRule, { groups: 'readers' })).toBe(true);
    expect(ruleMatches(groupRule, { groups: 'readers-old' })).toBe(false);
    expect(ruleMatches(groupRule, { groups: 'staff readers' })).toBe(false);
  });

  it('ignores missing and non-string claims, and inherited properties', () => {
    expect(ruleMatches(groupRule, {})).toBe(false);
    expect(ruleMatches(groupRule, { groups: { readers: true } })).toBe(false);
    expect(ruleMatches({ claim: 'constructor', includes: 'x', grant: 'read' }, {})).toBe(false);
  });

  it('matches a scope rule through SMART wildcards', () => {
    expect(ruleMatches({ scope: 'system/ImagingStudy.write', grant: 'write' }, { scope: 'system/*.write' })).toBe(true);
    expect(ruleMatches({ scope: 'system/ImagingStudy.write', grant: 'write' }, { scope: 'system/*.read' })).toBe(false);
  });
});

describe('claimValue', () => {
  it('takes a name the token has as it is, dots and all', () => {
    expect(claimValue({ 'https://example.com/roles': ['a'] }, 'https://example.com/roles')).toEqual(['a']);
    expect(claimValue({ 'realm_access.roles': 'top', realm_access: { roles: ['nested'] } }, 'realm_access.roles')).toBe(
      'top',
    );
  });

  it('follows a dotted path into nested objects', () => {
    const payload = { realm_access: { roles: ['r'] }, resource_access: { viewer: { roles: ['v'] } } };
    expect(claimValue(payload, 'realm_access.roles')).toEqual(['r']);
    expect(claimValue(payload, 'resource_access.viewer.roles')).toEqual(['v']);
    expect(claimValue(payload, 'resource_access.other.roles')).toBeUndefined();
  });

  it('finds keys that contain dots at any level, the longest first', () => {
    const payload = { resource_access: { 'my.client': { roles: ['dotted'] }, my: { client: { roles: ['nested'] } } } };
    expect(claimValue(payload, 'resource_access.my.client.roles')).toEqual(['dotted']);
    expect(
      claimValue({ resource_access: { my: { client: { roles: ['nested'] } } } }, 'resource_access.my.client.roles'),
    ).toEqual(['nested']);
  });

  it('never walks into arrays, primitives or inherited properties', () => {
    expect(claimValue({ roles: [{ name: 'x' }] }, 'roles.0.name')).toBeUndefined();
    expect(claimValue({ realm_access: 'roles' }, 'realm_access.roles')).toBeUndefined();
    expect(claimValue({ realm_access: {} }, 'realm_access.constructor')).toBeUndefined();
    expect(claimValue({}, '__proto__')).toBeUndefined();
  });
});

describe('explainNoGrant', () => {
  it('names each claim the rules read once, what they want and what the token has, capped', () => {
    expect(
      explainNoGrant({ 'cognito:groups': ['staff'], scope: 'openid', long: 'x'.repeat(200) }, [
        ...rules,
        { claim: 'long', includes: 'y', grant: 'read' },
      ]),
    ).toBe(
      `cognito:groups wants readers|importers, found ["staff"]; scopes (scope, scp, permissions) wants user/ImagingStudy.read|system/ImagingStudy.write, found "openid"; long wants y, found "${'x'.repeat(76)}...`,
    );
    expect(explainNoGrant({}, [{ scope: 'a', grant: 'read' }])).toBe(
      'scopes (scope, scp, permissions) wants a, found none',
    );
  });
});

describe('grantFor', () => {
  it('is undefined when nothing matches', () => {
    expect(grantFor({ 'cognito:groups': ['staff'], scope: 'openid' }, rules)).toBeUndefined();
  });

  it('gives read for a read rule, and write once any write rule matches', () => {
    expect(grantFor({ 'cognito:groups': ['readers'] }, rules)).toBe('read');
    expect(grantFor({ 'cognito:groups': ['readers'], scope: 'system/*.*' }, rules)).toBe('write');
    expect(grantFor({ 'cognito:groups': ['importers'] }, rules)).toBe('write');
  });
});

describe('roleFor', () => {
  it('gives the reader role to read only', () => {
    expect(roleFor('GetDICOMInstanceFrames', 'read', roles)).toBe(roles.reader);
    expect(roleFor('StoreDICOM', 'read', roles)).toBeUndefined();
    expect(roleFor('StoreDICOMStudy', 'read', roles)).toBeUndefined();
  });

  it('gives the importer role for both reading and storing', () => {
    expect(roleFor('StoreDICOM', 'write', roles)).toBe(roles.importer);
    expect(roleFor('SearchDICOMStudies', 'write', roles)).toBe(roles.importer);
  });
});
