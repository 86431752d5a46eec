// Original file: proto/cluster/v1/cluster.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { MemberAddRequest as _cluster_v1_MemberAddRequest, MemberAddRequest__Output as _cluster_v1_MemberAddRequest__Output } from '../../cluster/v1/MemberAddRequest.js';
import type { MemberAddResponse as _cluster_v1_MemberAddResponse, MemberAddResponse__Output as _cluster_v1_MemberAddResponse__Output } from '../../cluster/v1/MemberAddResponse.js';
import type { MemberListRequest as _cluster_v1_MemberListRequest, MemberListRequest__Output as _cluster_v1_MemberListRequest__Output } from '../../cluster/v1/MemberListRequest.js';
import type { MemberListResponse as _cluster_v1_MemberListResponse, MemberListResponse__Output as _cluster_v1_MemberListResponse__Output } from '../../cluster/v1/MemberListResponse.js';
import type { MemberPromoteRequest as _cluster_v1_MemberPromoteRequest, MemberPromoteRequest__Output as _cluster_v1_MemberPromoteRequest__Output } from '../../cluster/v1/MemberPromoteRequest.js';
import type { MemberPromoteResponse as _cluster_v1_MemberPromoteResponse, MemberPromoteResponse__Output as _cluster_v1_MemberPromoteResponse__Output } from '../../cluster/v1/MemberPromoteResponse.js';
import type { MemberRemoveRequest as _cluster_v1_MemberRemoveRequest, MemberRemoveRequest__Output as _cluster_v1_MemberRemoveRequest__Output } from '../../cluster/v1/MemberRemoveRequest.js';
import type { MemberRemoveResponse as _cluster_v1_MemberRemoveResponse, MemberRemoveResponse__Output as _cluster_v1_MemberRemoveResponse__Output } from '../../cluster/v1/MemberRemoveResponse.js';
import type { StatusRequest as _cluster_v1_StatusRequest, StatusRequest__Output as _cluster_v1_StatusRequest__Output } from '../../cluster/v1/StatusRequest.js';
import type { StatusResponse as _cluster_v1_StatusResponse, StatusResponse__Output as _cluster_v1_StatusResponse__Output } from '../../cluster/v1/StatusResponse.js';
import type { TransferLeaderRequest as _cluster_v1_TransferLeaderRequest, TransferLeaderRequest__Output as _cluster_v1_TransferLeaderRequest__Output } from '../../cluster/v1/TransferLeaderRequest.js';
import type { TransferLeaderResponse as _cluster_v1_TransferLeaderResponse, TransferLeaderResponse__Output as _cluster_v1_TransferLeaderResponse__Output } from '../../cluster/v1/TransferLeaderResponse.js';

export interface ClusterClient extends grpc.Client {
  MemberAdd(argument: _cluster_v1_MemberAddRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberAddResponse__Output>): grpc.ClientUnaryCall;
  MemberAdd(argument: _cluster_v1_MemberAddRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_cluster_v1_MemberAddResponse__Output>): grpc.ClientUnaryCall;
  MemberAdd(argument: _cluster_v1_MemberAddRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberAddResponse__Output>): grpc.ClientUnaryCall;
  MemberAdd(argument: _cluster_v1_MemberAddRequest, callback: grpc.requestCallback<_cluster_v1_MemberAddResponse__Output>): grpc.ClientUnaryCall;
  memberAdd(argument: _cluster_v1_MemberAddRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberAddResponse__Output>): grpc.ClientUnaryCall;
  memberAdd(argument: _cluster_v1_MemberAddRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_cluster_v1_MemberAddResponse__Output>): grpc.ClientUnaryCall;
  memberAdd(argument: _cluster_v1_MemberAddRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberAddResponse__Output>): grpc.ClientUnaryCall;
  memberAdd(argument: _cluster_v1_MemberAddRequest, callback: grpc.requestCallback<_cluster_v1_MemberAddResponse__Output>): grpc.ClientUnaryCall;
  
  MemberList(argument: _cluster_v1_MemberListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  MemberList(argument: _cluster_v1_MemberListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_cluster_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  MemberList(argument: _cluster_v1_MemberListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  MemberList(argument: _cluster_v1_MemberListRequest, callback: grpc.requestCallback<_cluster_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  memberList(argument: _cluster_v1_MemberListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  memberList(argument: _cluster_v1_MemberListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_cluster_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  memberList(argument: _cluster_v1_MemberListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  memberList(argument: _cluster_v1_MemberListRequest, callback: grpc.requestCallback<_cluster_v1_MemberListResponse__Output>): grpc.ClientUnaryCall;
  
  MemberPromote(argument: _cluster_v1_MemberPromoteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberPromoteResponse__Output>): grpc.ClientUnaryCall;
  MemberPromote(argument: _cluster_v1_MemberPromoteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_cluster_v1_MemberPromoteResponse__Output>): grpc.ClientUnaryCall;
  MemberPromote(argument: _cluster_v1_MemberPromoteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberPromoteResponse__Output>): grpc.ClientUnaryCall;
  MemberPromote(argument: _cluster_v1_MemberPromoteRequest, callback: grpc.requestCallback<_cluster_v1_MemberPromoteResponse__Output>): grpc.ClientUnaryCall;
  memberPromote(argument: _cluster_v1_MemberPromoteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberPromoteResponse__Output>): grpc.ClientUnaryCall;
  memberPromote(argument: _cluster_v1_MemberPromoteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_cluster_v1_MemberPromoteResponse__Output>): grpc.ClientUnaryCall;
  memberPromote(argument: _cluster_v1_MemberPromoteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberPromoteResponse__Output>): grpc.ClientUnaryCall;
  memberPromote(argument: _cluster_v1_MemberPromoteRequest, callback: grpc.requestCallback<_cluster_v1_MemberPromoteResponse__Output>): grpc.ClientUnaryCall;
  
  MemberRemove(argument: _cluster_v1_MemberRemoveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  MemberRemove(argument: _cluster_v1_MemberRemoveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_cluster_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  MemberRemove(argument: _cluster_v1_MemberRemoveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  MemberRemove(argument: _cluster_v1_MemberRemoveRequest, callback: grpc.requestCallback<_cluster_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  memberRemove(argument: _cluster_v1_MemberRemoveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  memberRemove(argument: _cluster_v1_MemberRemoveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_cluster_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  memberRemove(argument: _cluster_v1_MemberRemoveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  memberRemove(argument: _cluster_v1_MemberRemoveRequest, callback: grpc.requestCallback<_cluster_v1_MemberRemoveResponse__Output>): grpc.ClientUnaryCall;
  
  Status(argument: _cluster_v1_StatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _cluster_v1_StatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_cluster_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _cluster_v1_StatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _cluster_v1_StatusRequest, callback: grpc.requestCallback<_cluster_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _cluster_v1_StatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _cluster_v1_StatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_cluster_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _cluster_v1_StatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _cluster_v1_StatusRequest, callback: grpc.requestCallback<_cluster_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  
  TransferLeader(argument: _cluster_v1_TransferLeaderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  TransferLeader(argument: _cluster_v1_TransferLeaderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_cluster_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  TransferLeader(argument: _cluster_v1_TransferLeaderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  TransferLeader(argument: _cluster_v1_TransferLeaderRequest, callback: grpc.requestCallback<_cluster_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  transferLeader(argument: _cluster_v1_TransferLeaderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  transferLeader(argument: _cluster_v1_TransferLeaderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_cluster_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  transferLeader(argument: _cluster_v1_TransferLeaderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_cluster_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  transferLeader(argument: _cluster_v1_TransferLeaderRequest, callback: grpc.requestCallback<_cluster_v1_TransferLeaderResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ClusterHandlers extends grpc.UntypedServiceImplementation {
  MemberAdd: grpc.handleUnaryCall<_cluster_v1_MemberAddRequest__Output, _cluster_v1_MemberAddResponse>;
  
  MemberList: grpc.handleUnaryCall<_cluster_v1_MemberListRequest__Output, _cluster_v1_MemberListResponse>;
  
  MemberPromote: grpc.handleUnaryCall<_cluster_v1_MemberPromoteRequest__Output, _cluster_v1_MemberPromoteResponse>;
  
  MemberRemove: grpc.handleUnaryCall<_cluster_v1_MemberRemoveRequest__Output, _cluster_v1_MemberRemoveResponse>;
  
  Status: grpc.handleUnaryCall<_cluster_v1_StatusRequest__Output, _cluster_v1_StatusResponse>;
  
  TransferLeader: grpc.handleUnaryCall<_cluster_v1_TransferLeaderRequest__Output, _cluster_v1_TransferLeaderResponse>;
  
}

export interface ClusterDefinition extends grpc.ServiceDefinition {
  MemberAdd: MethodDefinition<_cluster_v1_MemberAddRequest, _cluster_v1_MemberAddResponse, _cluster_v1_MemberAddRequest__Output, _cluster_v1_MemberAddResponse__Output>
  MemberList: MethodDefinition<_cluster_v1_MemberListRequest, _cluster_v1_MemberListResponse, _cluster_v1_MemberListRequest__Output, _cluster_v1_MemberListResponse__Output>
  MemberPromote: MethodDefinition<_cluster_v1_MemberPromoteRequest, _cluster_v1_MemberPromoteResponse, _cluster_v1_MemberPromoteRequest__Output, _cluster_v1_MemberPromoteResponse__Output>
  MemberRemove: MethodDefinition<_cluster_v1_MemberRemoveRequest, _cluster_v1_MemberRemoveResponse, _cluster_v1_MemberRemoveRequest__Output, _cluster_v1_MemberRemoveResponse__Output>
  Status: MethodDefinition<_cluster_v1_StatusRequest, _cluster_v1_StatusResponse, _cluster_v1_StatusRequest__Output, _cluster_v1_StatusResponse__Output>
  TransferLeader: MethodDefinition<_cluster_v1_TransferLeaderRequest, _cluster_v1_TransferLeaderResponse, _cluster_v1_TransferLeaderRequest__Output, _cluster_v1_TransferLeaderResponse__Output>
}
