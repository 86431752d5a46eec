// Every failure the store reports is a StoreError with a stable code: a Raft entry that fails must fail
// identically on every replica, so callers match on `code`, never on the message.
export type StoreErrorCode =
  | "EmptyKey"
  | "KeyTooLarge"
  | "ValueTooLarge"
  | "TooManyOps"
  | "DuplicateKey"
  | "Compacted"
  | "FutureRevision"
  | "LeaseNotFound"
  | "LeaseExists"
  | "InvalidTtl"
  | "InvalidLeaseId"
  | "KeyNotFound"
  | "ValueProvided"
  | "LeaseProvided"
  | "AlreadyApplied"
  | "BadEncoding";

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  /** For "Compacted": the store's compact revision, so a watcher knows where history now starts. */
  readonly compactRevision: number | undefined;

  constructor(code: StoreErrorCode, message: string, compactRevision?: number) {
    super(message);
    this.name = "StoreError";
    this.code = code;
    this.compactRevision = compactRevision;
  }
}

export function compactedError(requested: number, compactRevision: number): StoreError {
  return new StoreError(
    "Compacted",
    `mvcc: required revision has been compacted (requested ${requested}, compacted at ${compactRevision})`,
    compactRevision,
  );
}

export function futureRevisionError(requested: number, current: number): StoreError {
  return new StoreError(
    "FutureRevision",
    `mvcc: required revision is a future revision (requested ${requested}, current ${current})`,
  );
}
