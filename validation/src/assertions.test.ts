import { assertArrayOf } from './assertArrayOf';
import { assertBoolean } from './assertBoolean';
import { assertKnownKeys } from './assertKnownKeys';
import { assertInteger, assertIntegerText, assertNumber } from './assertNumber';
import { assertObject } from './assertObject';
import { assertOneOf } from './assertOneOf';
import { assertMatch, assertNonEmptyString } from './assertString';
import { assertUrl } from './assertUrl';
import { closestKey } from './closestKey';
import { optional } from './optional';
import { SettingsError } from './SettingsError';
import { SettingsPath } from './SettingsPath';

const at = new SettingsPath('auth', (key, problem) => new SettingsError(key, problem, { source: 'app-config' }));

describe('assertObject and assertKnownKeys', () => {
  it('accepts a plain object and refuses null, arrays and text', () => {
    expect(assertObject({ a: 1 }, at)).toEqual({ a: 1 });
    expect(() => assertObject(null, at)).toThrow('app-config auth must be an object; got null');
    expect(() => assertObject([], at, 'an object with authority')).toThrow(
      'auth must be an object with authority; got []',
    );
  });

  it('names the unknown key, the known ones and the likely one', () => {
    const known = ['authority', 'clientId', 'scope'];
    expect(() => assertKnownKeys({ authority: 'x' }, known, at)).not.toThrow();
    expect(() => assertKnownKeys({ clientID: 'x' }, known, at)).toThrow(
      'app-config auth.clientID is not a known key; the known keys are authority, clientId, scope; did you mean clientId?',
    );
    expect(() => assertKnownKeys({ wadoRoot: 'x' }, known, at)).toThrow(
      /the known keys are authority, clientId, scope$/,
    );
    expect(() =>
      assertKnownKeys({ x: 1 }, ['a'], at, {
        wording: { unknown: 'is not a request type', known: 'use' },
        hint: () => ' here',
      }),
    ).toThrow('auth.x is not a request type here; use a');
  });

  it('suggests only keys that are close', () => {
    expect(closestKey('scop', ['scope', 'storage'])).toBe('scope');
    expect(closestKey('REGION', ['region'])).toBe('region');
    expect(closestKey('ab', ['cd'])).toBeUndefined();
    expect(closestKey('retries', ['maxAttempts', 'baseDelayMs'])).toBeUndefined();
  });
});

describe('strings, booleans, choices', () => {
  it('checks non-empty strings and patterns', () => {
    expect(assertNonEmptyString('viewer', at.child('clientId'))).toBe('viewer');
    expect(() => assertNonEmptyString(' ', at.child('clientId'))).toThrow(
      'auth.clientId must be a non-empty string; got " "',
    );
    expect(() => assertNonEmptyString(undefined, at.child('clientId'))).toThrow(
      'auth.clientId must be a non-empty string; it is missing',
    );
    expect(() => assertMatch('US', /^[a-z]+$/, at.child('region'), 'an AWS region such as us-east-1')).toThrow(
      'auth.region must be an AWS region such as us-east-1; got "US"',
    );
  });

  it('takes no "yes" for a boolean', () => {
    expect(assertBoolean(false, at.child('revokeOnSignOut'))).toBe(false);
    expect(() => assertBoolean('yes', at.child('revokeOnSignOut'))).toThrow(
      'auth.revokeOnSignOut must be true or false; got "yes"',
    );
  });

  it('lists the choices', () => {
    expect(assertOneOf('memory', ['session', 'memory'] as const, at.child('storage'))).toBe('memory');
    expect(() => assertOneOf('cookie', ['session', 'memory'], at.child('storage'))).toThrow(
      'auth.storage must be one of "session", "memory"; got "cookie"',
    );
  });
});

describe('numbers', () => {
  it('keeps integers within their range', () => {
    const burst = at.child('burst');
    expect(assertInteger(1000, burst, { min: 1, max: 1000 })).toBe(1000);
    expect(() => assertInteger(1.5, burst, { min: 1 })).toThrow('auth.burst must be an integer of at least 1; got 1.5');
    expect(() => assertInteger('4', burst, { min: 1, max: 10 })).toThrow(
      'auth.burst must be an integer from 1 to 10; got "4"',
    );
    expect(() => assertInteger(0, burst, { min: 1, max: 10, expected: 'a whole number of requests' })).toThrow(
      'must be a whole number of requests; got 0',
    );
  });

  it('reads integers written as text, showing the text when refused', () => {
    const port = at.child('port');
    expect(assertIntegerText('5001', port, { min: 0, max: 65535 })).toBe(5001);
    for (const text of ['-1', '2.5', '5e3', ' 1', '']) {
      expect(() => assertIntegerText(text, port, { min: 0, max: 65535 })).toThrow(
        `auth.port must be a whole number from 0 to 65535; got ${JSON.stringify(text)}`,
      );
    }
    expect(() => assertIntegerText('70000', port, { min: 0, max: 65535, expected: 'a port number' })).toThrow(
      'must be a port number; got "70000"',
    );
  });

  it('keeps numbers within their bounds', () => {
    const rate = at.child('rate');
    expect(assertNumber(0.5, rate, { above: 0 })).toBe(0.5);
    expect(() => assertNumber(0, rate, { above: 0 })).toThrow('auth.rate must be a number greater than 0; got 0');
    expect(() => assertNumber(Number.NaN, rate)).toThrow('auth.rate must be a number; got NaN');
    expect(() => assertNumber(-1, rate, { min: 0, max: 5 })).toThrow(
      'must be a number of at least 0 and at most 5; got -1',
    );
  });
});

describe('URLs', () => {
  const rule = { expected: 'an absolute https URL (the issuer)' };

  it('takes https anywhere and plain http on loopback only', () => {
    expect(assertUrl('https://idp.example.com', at, rule)).toBe('https://idp.example.com');
    for (const local of ['http://localhost:5001', 'http://127.0.0.1:5001', 'http://[::1]:5001']) {
      expect(assertUrl(local, at, rule)).toBe(local);
    }
    expect(() => assertUrl('http://idp.example.com', at, rule)).toThrow(
      'auth must use https (plain http only on localhost, 127.0.0.1 or [::1]); got "http://idp.example.com"',
    );
    expect(() => assertUrl('http://127.0.0.2', at, rule)).toThrow('must use https');
  });

  it('refuses what is no absolute http(s) URL, and http altogether when asked', () => {
    expect(() => assertUrl('idp.example.com', at, rule)).toThrow(
      'auth must be an absolute https URL (the issuer); got "idp.example.com"',
    );
    expect(() => assertUrl('ftp://idp.example.com', at, rule)).toThrow('must be an absolute https URL');
    expect(() => assertUrl(undefined, at, rule)).toThrow('it is missing');
    expect(() =>
      assertUrl('http://localhost/cb', at, { ...rule, schemes: 'https', insecure: 'must be an https URL' }),
    ).toThrow('auth must be an https URL; got "http://localhost/cb"');
    expect(assertUrl('http://dicom.test', at, { ...rule, schemes: 'http-or-https' })).toBe('http://dicom.test');
  });
});

describe('arrays and optional values', () => {
  it('reads each item at its index', () => {
    const uris = at.child('redirectUris');
    const read = (value: unknown) => assertArrayOf(value, uris, assertNonEmptyString, { minItems: 1 });
    expect(read(['a', 'b'])).toEqual(['a', 'b']);
    expect(() => read([])).toThrow('auth.redirectUris must be a non-empty array; got []');
    expect(() => read(['a', ''])).toThrow('auth.redirectUris[1] must be a non-empty string; got ""');
  });

  it('gives a copy of the named default when the value is absent', () => {
    const defaultGrants = [{ grant: 'read' }];
    const grants = optional(undefined, defaultGrants, () => []);
    expect(grants).toEqual(defaultGrants);
    expect(grants).not.toBe(defaultGrants);
    expect(optional(3, 1, value => (value as number) * 2)).toBe(6);
  });
});
