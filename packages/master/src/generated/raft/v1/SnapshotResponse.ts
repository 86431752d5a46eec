// Original file: proto/raft/v1/raft.proto

import type { Long } from '@grpc/proto-loader';

export interface SnapshotResponse {
  'receivedBytes'?: (number | string | Long);
}

export interface SnapshotResponse__Output {
  'receivedBytes': (number);
}
