// One error type for the checker; `code` says what went wrong so callers can tell misuse from bad input.
export type LinearizabilityErrorCode =
  /** An operation's times are malformed (non-finite call, return before call, NaN). */
  | "InvalidHistory"
  /** The recorder was used out of order (unknown id, an operation completed twice, time going backwards). */
  | "InvalidArgument";

export class LinearizabilityError extends Error {
  constructor(
    readonly code: LinearizabilityErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "LinearizabilityError";
  }
}
