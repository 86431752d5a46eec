// Original file: proto/api/v1/objects.proto

import type { Target as _api_v1_Target, Target__Output as _api_v1_Target__Output } from '../../api/v1/Target.js';
import type { PatchType as _api_v1_PatchType, PatchType__Output as _api_v1_PatchType__Output } from '../../api/v1/PatchType.js';
import type { WriteOptions as _api_v1_WriteOptions, WriteOptions__Output as _api_v1_WriteOptions__Output } from '../../api/v1/WriteOptions.js';

export interface PatchRequest {
  'target'?: (_api_v1_Target | null);
  'type'?: (_api_v1_PatchType);
  'patch'?: (Buffer | Uint8Array | string);
  'options'?: (_api_v1_WriteOptions | null);
  'force'?: (boolean);
}

export interface PatchRequest__Output {
  'target': (_api_v1_Target__Output | null);
  'type': (_api_v1_PatchType__Output);
  'patch': (Buffer);
  'options': (_api_v1_WriteOptions__Output | null);
  'force': (boolean);
}
