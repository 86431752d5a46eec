// Original file: proto/cluster/v1/cluster.proto


export interface TransferLeaderRequest {
  'target'?: (string);
}

export interface TransferLeaderRequest__Output {
  'target': (string);
}
