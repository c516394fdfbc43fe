import { SettingsError } from './SettingsError';
import { SettingsPath } from './SettingsPath';

class ExampleSettingsError extends SettingsError {
  constructor(key: string, problem: string) {
    super(key, problem, { source: 'Example setting' });
  }
}

describe('SettingsError', () => {
  it('reads "<source> <key path> <problem>" and keeps each part', () => {
    const error = new ExampleSettingsError('auth.scope', 'must include openid; got "profile"');
    expect(error.message).toBe('Example setting auth.scope must include openid; got "profile"');
    expect(error).toMatchObject({
      key: 'auth.scope',
      problem: 'must include openid; got "profile"',
      source: 'Example setting',
    });
    expect(error.name).toBe('ExampleSettingsError');
    expect(error).toBeInstanceOf(SettingsError);
  });

  it('leaves the source out when there is none', () => {
    expect(new SettingsError('--port', 'must be a port number; got "x"').message).toBe(
      '--port must be a port number; got "x"',
    );
  });
});

describe('SettingsPath', () => {
  const raise = (key: string, problem: string) => new ExampleSettingsError(key, problem);

  it('builds member and item paths under the root', () => {
    const root = new SettingsPath('dataSources[0].configuration', raise);
    expect(root.child('retrieveRateLimit').child('burst').key).toBe(
      'dataSources[0].configuration.retrieveRateLimit.burst',
    );
    expect(root.child('grants').item(2).child('claim').key).toBe('dataSources[0].configuration.grants[2].claim');
  });

  it('lets a root name itself but not prefix its keys', () => {
    const root = new SettingsPath('settings', raise, { childPrefix: '' });
    expect(root.key).toBe('settings');
    expect(root.child('region').key).toBe('region');
  });

  it('shows the refused value in either style', () => {
    const semicolon = new SettingsPath('a', raise);
    const comma = new SettingsPath('a', raise, { style: 'comma' });
    expect(() => semicolon.expected('a number', 'x')).toThrow('Example setting a must be a number; got "x"');
    expect(() => semicolon.expected('a number', undefined)).toThrow('a must be a number; it is missing');
    expect(() => comma.child('b').expected('a number', undefined)).toThrow('a.b must be a number, got nothing');
    expect(() => comma.expected('a number', 'x'.repeat(200))).toThrow(/got "x{76}\.\.\.$/);
  });
});
