// Original file: proto/api/v1/objects.proto

import type { Target as _api_v1_Target, Target__Output as _api_v1_Target__Output } from '../../api/v1/Target.js';
import type { Preconditions as _api_v1_Preconditions, Preconditions__Output as _api_v1_Preconditions__Output } from '../../api/v1/Preconditions.js';
import type { Long } from '@grpc/proto-loader';

export interface DeleteRequest {
  'target'?: (_api_v1_Target | null);
  'dryRun'?: (boolean);
  'propagationPolicy'?: (string);
  'gracePeriodSeconds'?: (number | string | Long);
  'preconditions'?: (_api_v1_Preconditions | null);
  '_gracePeriodSeconds'?: "gracePeriodSeconds";
}

export interface DeleteRequest__Output {
  'target': (_api_v1_Target__Output | null);
  'dryRun': (boolean);
  'propagationPolicy': (string);
  'gracePeriodSeconds'?: (number);
  'preconditions': (_api_v1_Preconditions__Output | null);
  '_gracePeriodSeconds'?: "gracePeriodSeconds";
}
