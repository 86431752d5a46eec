// Original file: proto/api/v1/objects.proto

import type { Long } from '@grpc/proto-loader';

export interface ListResponse {
  'apiVersion'?: (string);
  'kind'?: (string);
  'resourceVersion'?: (string);
  'continue'?: (string);
  'remainingItemCount'?: (number | string | Long);
  'items'?: (Buffer | Uint8Array | string)[];
  '_remainingItemCount'?: "remainingItemCount";
}

export interface ListResponse__Output {
  'apiVersion': (string);
  'kind': (string);
  'resourceVersion': (string);
  'continue': (string);
  'remainingItemCount'?: (number);
  'items': (Buffer)[];
  '_remainingItemCount'?: "remainingItemCount";
}
