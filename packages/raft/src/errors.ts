// One error type for the consensus core; `code` says what went wrong so callers map it without parsing text.
export type RaftErrorCode =
  /** The proposal was not accepted (no leader known, transfer in progress, uncommitted-size limit, learner…). */
  | "ProposalDropped"
  /** A membership change was refused (another one pending, would remove the last voter, unknown member…). */
  | "ConfChangeRejected"
  /** A peer message failed validation (unknown type, bad indexes, oversized, from a non-member…). */
  | "InvalidMessage"
  /** The state handed to the constructor is inconsistent (gaps in the log, commit beyond the log…). */
  | "InvalidState"
  /** The caller broke the ready/advance contract or asked for something impossible (compact beyond applied…). */
  | "InvalidArgument";

export class RaftError extends Error {
  constructor(
    readonly code: RaftErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RaftError";
  }
}
