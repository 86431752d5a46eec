// Original file: proto/kv/v1/kv.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeleteRequest as _kv_v1_DeleteRequest, DeleteRequest__Output as _kv_v1_DeleteRequest__Output } from '../../kv/v1/DeleteRequest.js';
import type { DeleteResponse as _kv_v1_DeleteResponse, DeleteResponse__Output as _kv_v1_DeleteResponse__Output } from '../../kv/v1/DeleteResponse.js';
import type { GetRequest as _kv_v1_GetRequest, GetRequest__Output as _kv_v1_GetRequest__Output } from '../../kv/v1/GetRequest.js';
import type { GetResponse as _kv_v1_GetResponse, GetResponse__Output as _kv_v1_GetResponse__Output } from '../../kv/v1/GetResponse.js';
import type { PutRequest as _kv_v1_PutRequest, PutRequest__Output as _kv_v1_PutRequest__Output } from '../../kv/v1/PutRequest.js';
import type { PutResponse as _kv_v1_PutResponse, PutResponse__Output as _kv_v1_PutResponse__Output } from '../../kv/v1/PutResponse.js';

export interface KVClient extends grpc.Client {
  Delete(argument: _kv_v1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _kv_v1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _kv_v1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _kv_v1_DeleteRequest, callback: grpc.requestCallback<_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _kv_v1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _kv_v1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _kv_v1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _kv_v1_DeleteRequest, callback: grpc.requestCallback<_kv_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  
  Get(argument: _kv_v1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _kv_v1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _kv_v1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _kv_v1_GetRequest, callback: grpc.requestCallback<_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _kv_v1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _kv_v1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _kv_v1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _kv_v1_GetRequest, callback: grpc.requestCallback<_kv_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  
  Put(argument: _kv_v1_PutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  Put(argument: _kv_v1_PutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  Put(argument: _kv_v1_PutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  Put(argument: _kv_v1_PutRequest, callback: grpc.requestCallback<_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  put(argument: _kv_v1_PutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  put(argument: _kv_v1_PutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  put(argument: _kv_v1_PutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  put(argument: _kv_v1_PutRequest, callback: grpc.requestCallback<_kv_v1_PutResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface KVHandlers extends grpc.UntypedServiceImplementation {
  Delete: grpc.handleUnaryCall<_kv_v1_DeleteRequest__Output, _kv_v1_DeleteResponse>;
  
  Get: grpc.handleUnaryCall<_kv_v1_GetRequest__Output, _kv_v1_GetResponse>;
  
  Put: grpc.handleUnaryCall<_kv_v1_PutRequest__Output, _kv_v1_PutResponse>;
  
}

export interface KVDefinition extends grpc.ServiceDefinition {
  Delete: MethodDefinition<_kv_v1_DeleteRequest, _kv_v1_DeleteResponse, _kv_v1_DeleteRequest__Output, _kv_v1_DeleteResponse__Output>
  Get: MethodDefinition<_kv_v1_GetRequest, _kv_v1_GetResponse, _kv_v1_GetRequest__Output, _kv_v1_GetResponse__Output>
  Put: MethodDefinition<_kv_v1_PutRequest, _kv_v1_PutResponse, _kv_v1_PutRequest__Output, _kv_v1_PutResponse__Output>
}
