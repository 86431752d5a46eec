// Original file: proto/cluster/v1/cluster.proto

import type { Long } from '@grpc/proto-loader';

export interface StatusResponse {
  'name'?: (string);
  'clusterId'?: (string);
  'role'?: (string);
  'leader'?: (string);
  'term'?: (number | string | Long);
  'commit'?: (number | string | Long);
  'applied'?: (number | string | Long);
  'firstIndex'?: (number | string | Long);
  'lastIndex'?: (number | string | Long);
  'isLearner'?: (boolean);
  'voters'?: (string)[];
  'learners'?: (string)[];
  'snapshotsInstalled'?: (number | string | Long);
  'snapshotIndex'?: (number | string | Long);
  'removed'?: (boolean);
}

export interface StatusResponse__Output {
  'name': (string);
  'clusterId': (string);
  'role': (string);
  'leader': (string);
  'term': (number);
  'commit': (number);
  'applied': (number);
  'firstIndex': (number);
  'lastIndex': (number);
  'isLearner': (boolean);
  'voters': (string)[];
  'learners': (string)[];
  'snapshotsInstalled': (number);
  'snapshotIndex': (number);
  'removed': (boolean);
}
