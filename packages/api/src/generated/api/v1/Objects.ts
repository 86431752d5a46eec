// Original file: proto/api/v1/objects.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateRequest as _api_v1_CreateRequest, CreateRequest__Output as _api_v1_CreateRequest__Output } from '../../api/v1/CreateRequest.js';
import type { DeleteRequest as _api_v1_DeleteRequest, DeleteRequest__Output as _api_v1_DeleteRequest__Output } from '../../api/v1/DeleteRequest.js';
import type { GetRequest as _api_v1_GetRequest, GetRequest__Output as _api_v1_GetRequest__Output } from '../../api/v1/GetRequest.js';
import type { ListRequest as _api_v1_ListRequest, ListRequest__Output as _api_v1_ListRequest__Output } from '../../api/v1/ListRequest.js';
import type { ListResponse as _api_v1_ListResponse, ListResponse__Output as _api_v1_ListResponse__Output } from '../../api/v1/ListResponse.js';
import type { ObjectResponse as _api_v1_ObjectResponse, ObjectResponse__Output as _api_v1_ObjectResponse__Output } from '../../api/v1/ObjectResponse.js';
import type { PatchRequest as _api_v1_PatchRequest, PatchRequest__Output as _api_v1_PatchRequest__Output } from '../../api/v1/PatchRequest.js';
import type { UpdateRequest as _api_v1_UpdateRequest, UpdateRequest__Output as _api_v1_UpdateRequest__Output } from '../../api/v1/UpdateRequest.js';
import type { WatchEvent as _api_v1_WatchEvent, WatchEvent__Output as _api_v1_WatchEvent__Output } from '../../api/v1/WatchEvent.js';
import type { WatchRequest as _api_v1_WatchRequest, WatchRequest__Output as _api_v1_WatchRequest__Output } from '../../api/v1/WatchRequest.js';
import type { WriteResponse as _api_v1_WriteResponse, WriteResponse__Output as _api_v1_WriteResponse__Output } from '../../api/v1/WriteResponse.js';

export interface ObjectsClient extends grpc.Client {
  Create(argument: _api_v1_CreateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _api_v1_CreateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _api_v1_CreateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _api_v1_CreateRequest, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _api_v1_CreateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _api_v1_CreateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _api_v1_CreateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _api_v1_CreateRequest, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  
  Delete(argument: _api_v1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _api_v1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _api_v1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _api_v1_DeleteRequest, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _api_v1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _api_v1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _api_v1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _api_v1_DeleteRequest, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  
  Get(argument: _api_v1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _api_v1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _api_v1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _api_v1_GetRequest, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _api_v1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _api_v1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _api_v1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _api_v1_GetRequest, callback: grpc.requestCallback<_api_v1_ObjectResponse__Output>): grpc.ClientUnaryCall;
  
  List(argument: _api_v1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _api_v1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_api_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _api_v1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _api_v1_ListRequest, callback: grpc.requestCallback<_api_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _api_v1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _api_v1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_api_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _api_v1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _api_v1_ListRequest, callback: grpc.requestCallback<_api_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  
  Patch(argument: _api_v1_PatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Patch(argument: _api_v1_PatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Patch(argument: _api_v1_PatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Patch(argument: _api_v1_PatchRequest, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  patch(argument: _api_v1_PatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  patch(argument: _api_v1_PatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  patch(argument: _api_v1_PatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  patch(argument: _api_v1_PatchRequest, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  
  Update(argument: _api_v1_UpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _api_v1_UpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _api_v1_UpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _api_v1_UpdateRequest, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _api_v1_UpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _api_v1_UpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _api_v1_UpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _api_v1_UpdateRequest, callback: grpc.requestCallback<_api_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  
  Watch(argument: _api_v1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_api_v1_WatchEvent__Output>;
  Watch(argument: _api_v1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_api_v1_WatchEvent__Output>;
  watch(argument: _api_v1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_api_v1_WatchEvent__Output>;
  watch(argument: _api_v1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_api_v1_WatchEvent__Output>;
  
}

export interface ObjectsHandlers extends grpc.UntypedServiceImplementation {
  Create: grpc.handleUnaryCall<_api_v1_CreateRequest__Output, _api_v1_WriteResponse>;
  
  Delete: grpc.handleUnaryCall<_api_v1_DeleteRequest__Output, _api_v1_ObjectResponse>;
  
  Get: grpc.handleUnaryCall<_api_v1_GetRequest__Output, _api_v1_ObjectResponse>;
  
  List: grpc.handleUnaryCall<_api_v1_ListRequest__Output, _api_v1_ListResponse>;
  
  Patch: grpc.handleUnaryCall<_api_v1_PatchRequest__Output, _api_v1_WriteResponse>;
  
  Update: grpc.handleUnaryCall<_api_v1_UpdateRequest__Output, _api_v1_WriteResponse>;
  
  Watch: grpc.handleServerStreamingCall<_api_v1_WatchRequest__Output, _api_v1_WatchEvent>;
  
}

export interface ObjectsDefinition extends grpc.ServiceDefinition {
  Create: MethodDefinition<_api_v1_CreateRequest, _api_v1_WriteResponse, _api_v1_CreateRequest__Output, _api_v1_WriteResponse__Output>
  Delete: MethodDefinition<_api_v1_DeleteRequest, _api_v1_ObjectResponse, _api_v1_DeleteRequest__Output, _api_v1_ObjectResponse__Output>
  Get: MethodDefinition<_api_v1_GetRequest, _api_v1_ObjectResponse, _api_v1_GetRequest__Output, _api_v1_ObjectResponse__Output>
  List: MethodDefinition<_api_v1_ListRequest, _api_v1_ListResponse, _api_v1_ListRequest__Output, _api_v1_ListResponse__Output>
  Patch: MethodDefinition<_api_v1_PatchRequest, _api_v1_WriteResponse, _api_v1_PatchRequest__Output, _api_v1_WriteResponse__Output>
  Update: MethodDefinition<_api_v1_UpdateRequest, _api_v1_WriteResponse, _api_v1_UpdateRequest__Output, _api_v1_WriteResponse__Output>
  Watch: MethodDefinition<_api_v1_WatchRequest, _api_v1_WatchEvent, _api_v1_WatchRequest__Output, _api_v1_WatchEvent__Output>
}
