// Original file: proto/etcdserverpb/rpc.proto

import type { Long } from '@grpc/proto-loader';

export interface ResponseHeader {
  'clusterId'?: (number | string | Long);
  'memberId'?: (number | string | Long);
  'revision'?: (number | string | Long);
  'raftTerm'?: (number | string | Long);
}

export interface ResponseHeader__Output {
  'clusterId': (string);
  'memberId': (string);
  'revision': (string);
  'raftTerm': (string);
}
