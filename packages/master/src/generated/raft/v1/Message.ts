// Original file: proto/raft/v1/raft.proto

import type { MessageType as _raft_v1_MessageType, MessageType__Output as _raft_v1_MessageType__Output } from '../../raft/v1/MessageType.js';
import type { Entry as _raft_v1_Entry, Entry__Output as _raft_v1_Entry__Output } from '../../raft/v1/Entry.js';
import type { Snapshot as _raft_v1_Snapshot, Snapshot__Output as _raft_v1_Snapshot__Output } from '../../raft/v1/Snapshot.js';
import type { Long } from '@grpc/proto-loader';

export interface Message {
  'type'?: (_raft_v1_MessageType);
  'from'?: (string);
  'to'?: (string);
  'term'?: (number | string | Long);
  'logTerm'?: (number | string | Long);
  'index'?: (number | string | Long);
  'entries'?: (_raft_v1_Entry)[];
  'commit'?: (number | string | Long);
  'reject'?: (boolean);
  'rejectHint'?: (number | string | Long);
  'snapshot'?: (_raft_v1_Snapshot | null);
  'context'?: (string);
}

export interface Message__Output {
  'type': (_raft_v1_MessageType__Output);
  'from': (string);
  'to': (string);
  'term': (number);
  'logTerm': (number);
  'index': (number);
  'entries': (_raft_v1_Entry__Output)[];
  'commit': (number);
  'reject': (boolean);
  'rejectHint': (number);
  'snapshot': (_raft_v1_Snapshot__Output | null);
  'context': (string);
}
