// One error type for the master process; `code` lets callers (gRPC handlers, the CLI) map it without parsing text.
export type MasterErrorCode =
  /** Flags are invalid or contradict each other / the data dir. */
  | "InvalidConfig"
  /** No leader is known right now, or the proposal was dropped by the core. */
  | "Unavailable"
  /** The leader changed while the request waited: a write's outcome is unknown, a read can be retried. */
  | "LeaderChanged"
  /** The request was accepted but did not complete within the server-side request timeout. */
  | "Timeout"
  /** A membership change or leader transfer was refused. */
  | "FailedPrecondition"
  /** The call needs the leader and this member is not it. */
  | "NotLeader"
  /** The member or key named by the request does not exist. */
  | "NotFound"
  /** The member is shutting down (or was removed from the cluster). */
  | "Stopped";

export class MasterError extends Error {
  constructor(
    readonly code: MasterErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "MasterError";
  }
}
