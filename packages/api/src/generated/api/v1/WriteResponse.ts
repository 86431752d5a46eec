// Original file: proto/api/v1/objects.proto


export interface WriteResponse {
  'object'?: (Buffer | Uint8Array | string);
  'warnings'?: (string)[];
  'created'?: (boolean);
}

export interface WriteResponse__Output {
  'object': (Buffer);
  'warnings': (string)[];
  'created': (boolean);
}
