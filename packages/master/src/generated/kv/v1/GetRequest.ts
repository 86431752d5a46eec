// Original file: proto/kv/v1/kv.proto


export interface GetRequest {
  'key'?: (string);
  'serializable'?: (boolean);
}

export interface GetRequest__Output {
  'key': (string);
  'serializable': (boolean);
}
