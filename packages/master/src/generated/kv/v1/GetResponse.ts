// Original file: proto/kv/v1/kv.proto

import type { Long } from '@grpc/proto-loader';

export interface GetResponse {
  'found'?: (boolean);
  'value'?: (string);
  'index'?: (number | string | Long);
}

export interface GetResponse__Output {
  'found': (boolean);
  'value': (string);
  'index': (number);
}
