import type { GrantRule } from './AuthorizerSettings';
import { grantFor, roleFor, ruleMatches } from './grants';

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
