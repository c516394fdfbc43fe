/** The folder is not an OHIF checkout this project supports, or it cannot be prepared; the message says what to do. */
export class OhifCheckoutError extends Error {
  constructor(
    readonly checkoutDir: string,
    problem: string,
  ) {
    super(`OHIF checkout ${checkoutDir}: ${problem}`);
    this.name = 'OhifCheckoutError';
  }
}
