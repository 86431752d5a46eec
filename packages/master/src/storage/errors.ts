// Failures of the durable Raft storage. `code` lets the driver decide (refuse to start, tell the operator
// which directory is wrong, …) without parsing messages; the message names the record involved.
export type StorageErrorCode =
  /** Another process (or another open RaftStorage in this one) holds the LevelDB lock. */
  | "DataDirInUse"
  /** The data dir was initialized for a different cluster or member. */
  | "WrongCluster"
  /** A record is damaged: checksum mismatch, impossible field values, records out of order. */
  | "Corrupt"
  /** Data that must be there is not: a gap in the log, a short record, a missing snapshot chunk. */
  | "Truncated"
  /** LevelDB itself failed (disk full, permissions, …). */
  | "IoError";

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StorageError";
  }
}
