// Original file: proto/kv/v1/kv.proto

import type { Long } from '@grpc/proto-loader';

export interface DeleteResponse {
  'deleted'?: (boolean);
  'index'?: (number | string | Long);
}

export interface DeleteResponse__Output {
  'deleted': (boolean);
  'index': (number);
}
