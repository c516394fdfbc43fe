/** @jest-environment jsdom */
import { showStartupError } from './showStartupError';

describe('showStartupError', () => {
  it('puts the message where the user sees it, as text', () => {
    showStartupError(
      document,
      new Error('configuration.region must be an AWS region such as us-east-1; got "<b>x</b>"'),
    );
    const alert = document.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The viewer cannot start');
    expect(alert?.textContent).toContain(
      'configuration.region must be an AWS region such as us-east-1; got "<b>x</b>"',
    );
    expect(alert?.querySelector('b')).toBeNull();
  });
});
