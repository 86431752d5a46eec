// Original file: proto/raft/v1/raft.proto

import type { SnapshotMetadata as _raft_v1_SnapshotMetadata, SnapshotMetadata__Output as _raft_v1_SnapshotMetadata__Output } from '../../raft/v1/SnapshotMetadata.js';

export interface Snapshot {
  'metadata'?: (_raft_v1_SnapshotMetadata | null);
  'data'?: (Buffer | Uint8Array | string);
}

export interface Snapshot__Output {
  'metadata': (_raft_v1_SnapshotMetadata__Output | null);
  'data': (Buffer);
}
