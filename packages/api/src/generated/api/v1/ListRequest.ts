// Original file: proto/api/v1/objects.proto

import type { Target as _api_v1_Target, Target__Output as _api_v1_Target__Output } from '../../api/v1/Target.js';
import type { Long } from '@grpc/proto-loader';

export interface ListRequest {
  'target'?: (_api_v1_Target | null);
  'labelSelector'?: (string);
  'fieldSelector'?: (string);
  'limit'?: (number | string | Long);
  'continue'?: (string);
  'resourceVersion'?: (string);
  'resourceVersionMatch'?: (string);
}

export interface ListRequest__Output {
  'target': (_api_v1_Target__Output | null);
  'labelSelector': (string);
  'fieldSelector': (string);
  'limit': (number);
  'continue': (string);
  'resourceVersion': (string);
  'resourceVersionMatch': (string);
}
