// Original file: proto/cluster/v1/cluster.proto


export interface TransferLeaderResponse {
  'leader'?: (string);
}

export interface TransferLeaderResponse__Output {
  'leader': (string);
}
