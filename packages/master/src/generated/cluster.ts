import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ClusterClient as _cluster_v1_ClusterClient, ClusterDefinition as _cluster_v1_ClusterDefinition } from './cluster/v1/Cluster.js';
import type { Member as _cluster_v1_Member, Member__Output as _cluster_v1_Member__Output } from './cluster/v1/Member.js';
import type { MemberAddRequest as _cluster_v1_MemberAddRequest, MemberAddRequest__Output as _cluster_v1_MemberAddRequest__Output } from './cluster/v1/MemberAddRequest.js';
import type { MemberAddResponse as _cluster_v1_MemberAddResponse, MemberAddResponse__Output as _cluster_v1_MemberAddResponse__Output } from './cluster/v1/MemberAddResponse.js';
import type { MemberListRequest as _cluster_v1_MemberListRequest, MemberListRequest__Output as _cluster_v1_MemberListRequest__Output } from './cluster/v1/MemberListRequest.js';
import type { MemberListResponse as _cluster_v1_MemberListResponse, MemberListResponse__Output as _cluster_v1_MemberListResponse__Output } from './cluster/v1/MemberListResponse.js';
import type { MemberPromoteRequest as _cluster_v1_MemberPromoteRequest, MemberPromoteRequest__Output as _cluster_v1_MemberPromoteRequest__Output } from './cluster/v1/MemberPromoteRequest.js';
import type { MemberPromoteResponse as _cluster_v1_MemberPromoteResponse, MemberPromoteResponse__Output as _cluster_v1_MemberPromoteResponse__Output } from './cluster/v1/MemberPromoteResponse.js';
import type { MemberRemoveRequest as _cluster_v1_MemberRemoveRequest, MemberRemoveRequest__Output as _cluster_v1_MemberRemoveRequest__Output } from './cluster/v1/MemberRemoveRequest.js';
import type { MemberRemoveResponse as _cluster_v1_MemberRemoveResponse, MemberRemoveResponse__Output as _cluster_v1_MemberRemoveResponse__Output } from './cluster/v1/MemberRemoveResponse.js';
import type { StatusRequest as _cluster_v1_StatusRequest, StatusRequest__Output as _cluster_v1_StatusRequest__Output } from './cluster/v1/StatusRequest.js';
import type { StatusResponse as _cluster_v1_StatusResponse, StatusResponse__Output as _cluster_v1_StatusResponse__Output } from './cluster/v1/StatusResponse.js';
import type { TransferLeaderRequest as _cluster_v1_TransferLeaderRequest, TransferLeaderRequest__Output as _cluster_v1_TransferLeaderRequest__Output } from './cluster/v1/TransferLeaderRequest.js';
import type { TransferLeaderResponse as _cluster_v1_TransferLeaderResponse, TransferLeaderResponse__Output as _cluster_v1_TransferLeaderResponse__Output } from './cluster/v1/TransferLeaderResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  cluster: {
    v1: {
      Cluster: SubtypeConstructor<typeof grpc.Client, _cluster_v1_ClusterClient> & { service: _cluster_v1_ClusterDefinition }
      Member: MessageTypeDefinition<_cluster_v1_Member, _cluster_v1_Member__Output>
      MemberAddRequest: MessageTypeDefinition<_cluster_v1_MemberAddRequest, _cluster_v1_MemberAddRequest__Output>
      MemberAddResponse: MessageTypeDefinition<_cluster_v1_MemberAddResponse, _cluster_v1_MemberAddResponse__Output>
      MemberListRequest: MessageTypeDefinition<_cluster_v1_MemberListRequest, _cluster_v1_MemberListRequest__Output>
      MemberListResponse: MessageTypeDefinition<_cluster_v1_MemberListResponse, _cluster_v1_MemberListResponse__Output>
      MemberPromoteRequest: MessageTypeDefinition<_cluster_v1_MemberPromoteRequest, _cluster_v1_MemberPromoteRequest__Output>
      MemberPromoteResponse: MessageTypeDefinition<_cluster_v1_MemberPromoteResponse, _cluster_v1_MemberPromoteResponse__Output>
      MemberRemoveRequest: MessageTypeDefinition<_cluster_v1_MemberRemoveRequest, _cluster_v1_MemberRemoveRequest__Output>
      MemberRemoveResponse: MessageTypeDefinition<_cluster_v1_MemberRemoveResponse, _cluster_v1_MemberRemoveResponse__Output>
      StatusRequest: MessageTypeDefinition<_cluster_v1_StatusRequest, _cluster_v1_StatusRequest__Output>
      StatusResponse: MessageTypeDefinition<_cluster_v1_StatusResponse, _cluster_v1_StatusResponse__Output>
      TransferLeaderRequest: MessageTypeDefinition<_cluster_v1_TransferLeaderRequest, _cluster_v1_TransferLeaderRequest__Output>
      TransferLeaderResponse: MessageTypeDefinition<_cluster_v1_TransferLeaderResponse, _cluster_v1_TransferLeaderResponse__Output>
    }
  }
}

