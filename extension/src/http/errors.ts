/** The session has no access token to send, even after a refresh: the request was not sent. */
export class NoAccessTokenError extends Error {
  constructor() {
    super('there is no access token to send (the session has ended): the request was not sent');
    this.name = 'NoAccessTokenError';
  }
}
