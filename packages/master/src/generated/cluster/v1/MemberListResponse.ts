// Original file: proto/cluster/v1/cluster.proto

import type { Member as _cluster_v1_Member, Member__Output as _cluster_v1_Member__Output } from '../../cluster/v1/Member.js';

export interface MemberListResponse {
  'clusterId'?: (string);
  'members'?: (_cluster_v1_Member)[];
  'leader'?: (string);
}

export interface MemberListResponse__Output {
  'clusterId': (string);
  'members': (_cluster_v1_Member__Output)[];
  'leader': (string);
}
