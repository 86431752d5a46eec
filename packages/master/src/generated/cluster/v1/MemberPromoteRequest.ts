// Original file: proto/cluster/v1/cluster.proto


export interface MemberPromoteRequest {
  'name'?: (string);
}

export interface MemberPromoteRequest__Output {
  'name': (string);
}
