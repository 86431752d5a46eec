import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { DeleteRequest as _kv_v1_DeleteRequest, DeleteRequest__Output as _kv_v1_DeleteRequest__Output } from './kv/v1/DeleteRequest.js';
import type { DeleteResponse as _kv_v1_DeleteResponse, DeleteResponse__Output as _kv_v1_DeleteResponse__Output } from './kv/v1/DeleteResponse.js';
import type { GetRequest as _kv_v1_GetRequest, GetRequest__Output as _kv_v1_GetRequest__Output } from './kv/v1/GetRequest.js';
import type { GetResponse as _kv_v1_GetResponse, GetResponse__Output as _kv_v1_GetResponse__Output } from './kv/v1/GetResponse.js';
import type { KVClient as _kv_v1_KVClient, KVDefinition as _kv_v1_KVDefinition } from './kv/v1/KV.js';
import type { PutRequest as _kv_v1_PutRequest, PutRequest__Output as _kv_v1_PutRequest__Output } from './kv/v1/PutRequest.js';
import type { PutResponse as _kv_v1_PutResponse, PutResponse__Output as _kv_v1_PutResponse__Output } from './kv/v1/PutResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  kv: {
    v1: {
      DeleteRequest: MessageTypeDefinition<_kv_v1_DeleteRequest, _kv_v1_DeleteRequest__Output>
      DeleteResponse: MessageTypeDefinition<_kv_v1_DeleteResponse, _kv_v1_DeleteResponse__Output>
      GetRequest: MessageTypeDefinition<_kv_v1_GetRequest, _kv_v1_GetRequest__Output>
      GetResponse: MessageTypeDefinition<_kv_v1_GetResponse, _kv_v1_GetResponse__Output>
      KV: SubtypeConstructor<typeof grpc.Client, _kv_v1_KVClient> & { service: _kv_v1_KVDefinition }
      PutRequest: MessageTypeDefinition<_kv_v1_PutRequest, _kv_v1_PutRequest__Output>
      PutResponse: MessageTypeDefinition<_kv_v1_PutResponse, _kv_v1_PutResponse__Output>
    }
  }
}

