// Original file: proto/api/v1/objects.proto

import type { Target as _api_v1_Target, Target__Output as _api_v1_Target__Output } from '../../api/v1/Target.js';

export interface GetRequest {
  'target'?: (_api_v1_Target | null);
  'resourceVersion'?: (string);
}

export interface GetRequest__Output {
  'target': (_api_v1_Target__Output | null);
  'resourceVersion': (string);
}
