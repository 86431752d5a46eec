import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CreateRequest as _api_v1_CreateRequest, CreateRequest__Output as _api_v1_CreateRequest__Output } from './api/v1/CreateRequest.js';
import type { DeleteRequest as _api_v1_DeleteRequest, DeleteRequest__Output as _api_v1_DeleteRequest__Output } from './api/v1/DeleteRequest.js';
import type { GetRequest as _api_v1_GetRequest, GetRequest__Output as _api_v1_GetRequest__Output } from './api/v1/GetRequest.js';
import type { ListRequest as _api_v1_ListRequest, ListRequest__Output as _api_v1_ListRequest__Output } from './api/v1/ListRequest.js';
import type { ListResponse as _api_v1_ListResponse, ListResponse__Output as _api_v1_ListResponse__Output } from './api/v1/ListResponse.js';
import type { ObjectResponse as _api_v1_ObjectResponse, ObjectResponse__Output as _api_v1_ObjectResponse__Output } from './api/v1/ObjectResponse.js';
import type { ObjectsClient as _api_v1_ObjectsClient, ObjectsDefinition as _api_v1_ObjectsDefinition } from './api/v1/Objects.js';
import type { PatchRequest as _api_v1_PatchRequest, PatchRequest__Output as _api_v1_PatchRequest__Output } from './api/v1/PatchRequest.js';
import type { Preconditions as _api_v1_Preconditions, Preconditions__Output as _api_v1_Preconditions__Output } from './api/v1/Preconditions.js';
import type { Target as _api_v1_Target, Target__Output as _api_v1_Target__Output } from './api/v1/Target.js';
import type { UpdateRequest as _api_v1_UpdateRequest, UpdateRequest__Output as _api_v1_UpdateRequest__Output } from './api/v1/UpdateRequest.js';
import type { WatchEvent as _api_v1_WatchEvent, WatchEvent__Output as _api_v1_WatchEvent__Output } from './api/v1/WatchEvent.js';
import type { WatchRequest as _api_v1_WatchRequest, WatchRequest__Output as _api_v1_WatchRequest__Output } from './api/v1/WatchRequest.js';
import type { WriteOptions as _api_v1_WriteOptions, WriteOptions__Output as _api_v1_WriteOptions__Output } from './api/v1/WriteOptions.js';
import type { WriteResponse as _api_v1_WriteResponse, WriteResponse__Output as _api_v1_WriteResponse__Output } from './api/v1/WriteResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  api: {
    v1: {
      CreateRequest: MessageTypeDefinition<_api_v1_CreateRequest, _api_v1_CreateRequest__Output>
      DeleteRequest: MessageTypeDefinition<_api_v1_DeleteRequest, _api_v1_DeleteRequest__Output>
      GetRequest: MessageTypeDefinition<_api_v1_GetRequest, _api_v1_GetRequest__Output>
      ListRequest: MessageTypeDefinition<_api_v1_ListRequest, _api_v1_ListRequest__Output>
      ListResponse: MessageTypeDefinition<_api_v1_ListResponse, _api_v1_ListResponse__Output>
      ObjectResponse: MessageTypeDefinition<_api_v1_ObjectResponse, _api_v1_ObjectResponse__Output>
      Objects: SubtypeConstructor<typeof grpc.Client, _api_v1_ObjectsClient> & { service: _api_v1_ObjectsDefinition }
      PatchRequest: MessageTypeDefinition<_api_v1_PatchRequest, _api_v1_PatchRequest__Output>
      PatchType: EnumTypeDefinition
      Preconditions: MessageTypeDefinition<_api_v1_Preconditions, _api_v1_Preconditions__Output>
      Target: MessageTypeDefinition<_api_v1_Target, _api_v1_Target__Output>
      UpdateRequest: MessageTypeDefinition<_api_v1_UpdateRequest, _api_v1_UpdateRequest__Output>
      WatchEvent: MessageTypeDefinition<_api_v1_WatchEvent, _api_v1_WatchEvent__Output>
      WatchRequest: MessageTypeDefinition<_api_v1_WatchRequest, _api_v1_WatchRequest__Output>
      WriteOptions: MessageTypeDefinition<_api_v1_WriteOptions, _api_v1_WriteOptions__Output>
      WriteResponse: MessageTypeDefinition<_api_v1_WriteResponse, _api_v1_WriteResponse__Output>
    }
  }
}

