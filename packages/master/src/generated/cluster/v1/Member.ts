// Original file: proto/cluster/v1/cluster.proto


export interface Member {
  'name'?: (string);
  'peerUrl'?: (string);
  'isLearner'?: (boolean);
}

export interface Member__Output {
  'name': (string);
  'peerUrl': (string);
  'isLearner': (boolean);
}
