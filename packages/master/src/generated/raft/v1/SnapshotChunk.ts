// Original file: proto/raft/v1/raft.proto

import type { SnapshotHeader as _raft_v1_SnapshotHeader, SnapshotHeader__Output as _raft_v1_SnapshotHeader__Output } from '../../raft/v1/SnapshotHeader.js';

export interface SnapshotChunk {
  'clusterId'?: (string);
  'from'?: (string);
  'to'?: (string);
  'header'?: (_raft_v1_SnapshotHeader | null);
  'data'?: (Buffer | Uint8Array | string);
}

export interface SnapshotChunk__Output {
  'clusterId': (string);
  'from': (string);
  'to': (string);
  'header': (_raft_v1_SnapshotHeader__Output | null);
  'data': (Buffer);
}
