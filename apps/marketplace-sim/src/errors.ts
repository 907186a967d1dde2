/** A refusal from the simulator's own admin side (not a platform error): HTTP status + message. */
export class SimError extends Error {
  override readonly name = "SimError";
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}
