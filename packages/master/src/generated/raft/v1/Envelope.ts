// Original file: proto/raft/v1/raft.proto

import type { Message as _raft_v1_Message, Message__Output as _raft_v1_Message__Output } from '../../raft/v1/Message.js';

export interface Envelope {
  'clusterId'?: (string);
  'from'?: (string);
  'to'?: (string);
  'messages'?: (_raft_v1_Message)[];
}

export interface Envelope__Output {
  'clusterId': (string);
  'from': (string);
  'to': (string);
  'messages': (_raft_v1_Message__Output)[];
}
