// Original file: proto/raft/v1/raft.proto

import type { Message as _raft_v1_Message, Message__Output as _raft_v1_Message__Output } from '../../raft/v1/Message.js';
import type { Long } from '@grpc/proto-loader';

export interface SnapshotHeader {
  'message'?: (_raft_v1_Message | null);
  'totalSize'?: (number | string | Long);
  'sha256'?: (Buffer | Uint8Array | string);
}

export interface SnapshotHeader__Output {
  'message': (_raft_v1_Message__Output | null);
  'totalSize': (number);
  'sha256': (Buffer);
}
