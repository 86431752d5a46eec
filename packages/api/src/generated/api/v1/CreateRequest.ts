// Original file: proto/api/v1/objects.proto

import type { Target as _api_v1_Target, Target__Output as _api_v1_Target__Output } from '../../api/v1/Target.js';
import type { WriteOptions as _api_v1_WriteOptions, WriteOptions__Output as _api_v1_WriteOptions__Output } from '../../api/v1/WriteOptions.js';

export interface CreateRequest {
  'target'?: (_api_v1_Target | null);
  'object'?: (Buffer | Uint8Array | string);
  'options'?: (_api_v1_WriteOptions | null);
}

export interface CreateRequest__Output {
  'target': (_api_v1_Target__Output | null);
  'object': (Buffer);
  'options': (_api_v1_WriteOptions__Output | null);
}
