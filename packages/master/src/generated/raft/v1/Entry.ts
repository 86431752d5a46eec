// Original file: proto/raft/v1/raft.proto

import type { EntryType as _raft_v1_EntryType, EntryType__Output as _raft_v1_EntryType__Output } from '../../raft/v1/EntryType.js';
import type { Long } from '@grpc/proto-loader';

export interface Entry {
  'term'?: (number | string | Long);
  'index'?: (number | string | Long);
  'type'?: (_raft_v1_EntryType);
  'data'?: (Buffer | Uint8Array | string);
}

export interface Entry__Output {
  'term': (number);
  'index': (number);
  'type': (_raft_v1_EntryType__Output);
  'data': (Buffer);
}
