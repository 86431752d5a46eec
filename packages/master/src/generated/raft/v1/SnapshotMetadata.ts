// Original file: proto/raft/v1/raft.proto

import type { ConfState as _raft_v1_ConfState, ConfState__Output as _raft_v1_ConfState__Output } from '../../raft/v1/ConfState.js';
import type { Long } from '@grpc/proto-loader';

export interface SnapshotMetadata {
  'index'?: (number | string | Long);
  'term'?: (number | string | Long);
  'confState'?: (_raft_v1_ConfState | null);
}

export interface SnapshotMetadata__Output {
  'index': (number);
  'term': (number);
  'confState': (_raft_v1_ConfState__Output | null);
}
