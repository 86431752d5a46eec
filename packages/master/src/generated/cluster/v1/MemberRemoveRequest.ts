// Original file: proto/cluster/v1/cluster.proto


export interface MemberRemoveRequest {
  'name'?: (string);
}

export interface MemberRemoveRequest__Output {
  'name': (string);
}
