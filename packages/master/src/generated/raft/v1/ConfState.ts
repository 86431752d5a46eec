// Original file: proto/raft/v1/raft.proto


export interface ConfState {
  'voters'?: (string)[];
  'learners'?: (string)[];
}

export interface ConfState__Output {
  'voters': (string)[];
  'learners': (string)[];
}
