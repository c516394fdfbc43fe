import { SessionEventEmitter } from './SessionEvents';

describe('SessionEventEmitter', () => {
  it('calls the listeners of an event in the order they subscribed, until they unsubscribe', () => {
    const events = new SessionEventEmitter();
    const calls: string[] = [];
    const offFirst = events.on('state-changed', state => calls.push(`first ${state}`));
    events.on('state-changed', state => calls.push(`second ${state}`));
    events.on('user-changed', () => calls.push('user'));
    events.emit('state-changed', 'signed-in');
    offFirst();
    events.emit('state-changed', 'redirecting');
    expect(calls).toEqual(['first signed-in', 'second signed-in', 'second redirecting']);
  });
});
