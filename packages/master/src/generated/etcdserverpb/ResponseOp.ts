// Original file: proto/etcdserverpb/rpc.proto

import type { RangeResponse as _etcdserverpb_RangeResponse, RangeResponse__Output as _etcdserverpb_RangeResponse__Output } from '../etcdserverpb/RangeResponse.js';
import type { PutResponse as _etcdserverpb_PutResponse, PutResponse__Output as _etcdserverpb_PutResponse__Output } from '../etcdserverpb/PutResponse.js';
import type { DeleteRangeResponse as _etcdserverpb_DeleteRangeResponse, DeleteRangeResponse__Output as _etcdserverpb_DeleteRangeResponse__Output } from '../etcdserverpb/DeleteRangeResponse.js';
import type { TxnResponse as _etcdserverpb_TxnResponse, TxnResponse__Output as _etcdserverpb_TxnResponse__Output } from '../etcdserverpb/TxnResponse.js';

export interface ResponseOp {
  'responseRange'?: (_etcdserverpb_RangeResponse | null);
  'responsePut'?: (_etcdserverpb_PutResponse | null);
  'responseDeleteRange'?: (_etcdserverpb_DeleteRangeResponse | null);
  'responseTxn'?: (_etcdserverpb_TxnResponse | null);
  'response'?: "responseRange"|"responsePut"|"responseDeleteRange"|"responseTxn";
}

export interface ResponseOp__Output {
  'responseRange'?: (_etcdserverpb_RangeResponse__Output | null);
  'responsePut'?: (_etcdserverpb_PutResponse__Output | null);
  'responseDeleteRange'?: (_etcdserverpb_DeleteRangeResponse__Output | null);
  'responseTxn'?: (_etcdserverpb_TxnResponse__Output | null);
  'response'?: "responseRange"|"responsePut"|"responseDeleteRange"|"responseTxn";
}
