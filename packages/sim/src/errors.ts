// One error type for the simulation harness itself (bad CLI arguments, misuse of the harness API).
// Failures of the system under test are never thrown: they are collected as violations.
export type SimErrorCode = "InvalidArgument" | "InvalidState";

export class SimError extends Error {
  constructor(
    readonly code: SimErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SimError";
  }
}
