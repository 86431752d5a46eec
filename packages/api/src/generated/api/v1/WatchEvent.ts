// Original file: proto/api/v1/objects.proto


export interface WatchEvent {
  'type'?: (string);
  'object'?: (Buffer | Uint8Array | string);
}

export interface WatchEvent__Output {
  'type': (string);
  'object': (Buffer);
}
