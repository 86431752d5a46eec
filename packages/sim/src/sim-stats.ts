/** Counters of one run: what it exercised (so a reader can tell a busy run from an idle one). */
export interface SimStats {
  /** Distinct log indexes applied somewhere (entries committed). */
  commits: number;
  /** Terms that had a leader. */
  elections: number;
  maxTerm: number;
  opsOk: number;
  opsUnknown: number;
  opsFailed: number;
  crashes: number;
  restarts: number;
  partitions: number;
  pauses: number;
  lossBursts: number;
  transfers: number;
  /** Membership changes committed (distinct entries). */
  confChanges: number;
  snapshotsSent: number;
  snapshotsInstalled: number;
  compactions: number;
  messagesSent: number;
  messagesDropped: number;
  duplicateApplies: number;
  /** MVCC compaction commands applied successfully (summed over nodes). */
  mvccCompactions: number;
  /** MVCC store hashes compared between two nodes (or a snapshot and its source) at one index. */
  mvccComparisons: number;
  virtualMs: number;
  events: number;
}

export function emptyStats(): SimStats {
  return {
    commits: 0,
    elections: 0,
    maxTerm: 0,
    opsOk: 0,
    opsUnknown: 0,
    opsFailed: 0,
    crashes: 0,
    restarts: 0,
    partitions: 0,
    pauses: 0,
    lossBursts: 0,
    transfers: 0,
    confChanges: 0,
    snapshotsSent: 0,
    snapshotsInstalled: 0,
    compactions: 0,
    messagesSent: 0,
    messagesDropped: 0,
    duplicateApplies: 0,
    mvccCompactions: 0,
    mvccComparisons: 0,
    virtualMs: 0,
    events: 0,
  };
}
