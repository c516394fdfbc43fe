/** A target input (a local port, a stack output...) is missing or wrong; the message names it. */
export class TargetInputsError extends Error {
  constructor(
    readonly input: string,
    problem: string,
  ) {
    super(`${input} ${problem}`);
    this.name = 'TargetInputsError';
  }
}
