// Original file: proto/kv/v1/kv.proto


export interface PutRequest {
  'key'?: (string);
  'value'?: (string);
}

export interface PutRequest__Output {
  'key': (string);
  'value': (string);
}
