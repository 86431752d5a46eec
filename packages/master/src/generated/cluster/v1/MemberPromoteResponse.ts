// Original file: proto/cluster/v1/cluster.proto

import type { Member as _cluster_v1_Member, Member__Output as _cluster_v1_Member__Output } from '../../cluster/v1/Member.js';

export interface MemberPromoteResponse {
  'members'?: (_cluster_v1_Member)[];
}

export interface MemberPromoteResponse__Output {
  'members': (_cluster_v1_Member__Output)[];
}
