// Original file: proto/cluster/v1/cluster.proto


export interface MemberAddRequest {
  'name'?: (string);
  'peerUrl'?: (string);
}

export interface MemberAddRequest__Output {
  'name': (string);
  'peerUrl': (string);
}
