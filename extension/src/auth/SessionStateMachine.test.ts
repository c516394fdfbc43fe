import { User } from 'oidc-client-ts';
import { SignInRequiredError } from './errors';
import { SessionEventEmitter } from './SessionEvents';
import { SessionStateMachine } from './SessionStateMachine';

function machineWithLog() {
  const events = new SessionEventEmitter();
  const log: string[] = [];
  events.on('state-changed', state => log.push(`state ${state}`));
  events.on('user-changed', user => log.push(`user ${user?.profile.sub ?? 'none'}`));
  events.on('sign-in-required', error => log.push(`sign-in-required ${error.message}`));
  return { machine: new SessionStateMachine(events), log };
}

const reader = new User({
  access_token: 'a',
  token_type: 'Bearer',
  profile: { sub: 'reader', iss: 'i', aud: 'c', exp: 0, iat: 0 },
});

describe('SessionStateMachine', () => {
  it('starts signed out, and announces each move', () => {
    const { machine, log } = machineWithLog();
    expect([machine.state, machine.user, machine.signInRequiredError]).toEqual(['signed-out', undefined, undefined]);
    machine.redirectingToSignIn();
    machine.signedIn(reader);
    machine.leavingForLogout();
    expect(log).toEqual(['state redirecting', 'user reader', 'state signed-in', 'user none', 'state redirecting']);
  });

  it('announces a user whenever it is set, a state only when it changes', () => {
    const { machine, log } = machineWithLog();
    machine.signedIn(reader);
    machine.signedIn(reader);
    expect(log).toEqual(['user reader', 'state signed-in', 'user reader']);
  });

  it('stops with the error until a sign-in or new tokens, which clear it', () => {
    const { machine, log } = machineWithLog();
    const error = new SignInRequiredError('you signed out in another tab', false);
    machine.signedIn(reader);
    machine.forgetUser();
    expect(machine.stop(error)).toBe(error);
    expect([machine.state, machine.user, machine.signInRequiredError]).toEqual(['sign-in-required', undefined, error]);
    machine.redirectingToSignIn();
    expect([machine.state, machine.signInRequiredError]).toEqual(['redirecting', undefined]);
    machine.stop(error);
    machine.signedIn(reader);
    expect(machine.signInRequiredError).toBeUndefined();
    expect(log.slice(2)).toEqual([
      'user none',
      'state sign-in-required',
      'sign-in-required you signed out in another tab',
      'state redirecting',
      'state sign-in-required',
      'sign-in-required you signed out in another tab',
      'user reader',
      'state signed-in',
    ]);
  });

  it('holds an expired stored user without announcing it', () => {
    const { machine, log } = machineWithLog();
    machine.holdExpiredUser(reader);
    expect([machine.state, machine.user]).toEqual(['signed-out', reader]);
    expect(log).toEqual([]);
  });
});
