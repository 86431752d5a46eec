// Original file: proto/raft/v1/raft.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Envelope as _raft_v1_Envelope, Envelope__Output as _raft_v1_Envelope__Output } from '../../raft/v1/Envelope.js';
import type { SendResponse as _raft_v1_SendResponse, SendResponse__Output as _raft_v1_SendResponse__Output } from '../../raft/v1/SendResponse.js';
import type { SnapshotChunk as _raft_v1_SnapshotChunk, SnapshotChunk__Output as _raft_v1_SnapshotChunk__Output } from '../../raft/v1/SnapshotChunk.js';
import type { SnapshotResponse as _raft_v1_SnapshotResponse, SnapshotResponse__Output as _raft_v1_SnapshotResponse__Output } from '../../raft/v1/SnapshotResponse.js';

export interface RaftClient extends grpc.Client {
  Send(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_raft_v1_SendResponse__Output>): grpc.ClientWritableStream<_raft_v1_Envelope>;
  Send(metadata: grpc.Metadata, callback: grpc.requestCallback<_raft_v1_SendResponse__Output>): grpc.ClientWritableStream<_raft_v1_Envelope>;
  Send(options: grpc.CallOptions, callback: grpc.requestCallback<_raft_v1_SendResponse__Output>): grpc.ClientWritableStream<_raft_v1_Envelope>;
  Send(callback: grpc.requestCallback<_raft_v1_SendResponse__Output>): grpc.ClientWritableStream<_raft_v1_Envelope>;
  send(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_raft_v1_SendResponse__Output>): grpc.ClientWritableStream<_raft_v1_Envelope>;
  send(metadata: grpc.Metadata, callback: grpc.requestCallback<_raft_v1_SendResponse__Output>): grpc.ClientWritableStream<_raft_v1_Envelope>;
  send(options: grpc.CallOptions, callback: grpc.requestCallback<_raft_v1_SendResponse__Output>): grpc.ClientWritableStream<_raft_v1_Envelope>;
  send(callback: grpc.requestCallback<_raft_v1_SendResponse__Output>): grpc.ClientWritableStream<_raft_v1_Envelope>;
  
  SendSnapshot(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_raft_v1_SnapshotResponse__Output>): grpc.ClientWritableStream<_raft_v1_SnapshotChunk>;
  SendSnapshot(metadata: grpc.Metadata, callback: grpc.requestCallback<_raft_v1_SnapshotResponse__Output>): grpc.ClientWritableStream<_raft_v1_SnapshotChunk>;
  SendSnapshot(options: grpc.CallOptions, callback: grpc.requestCallback<_raft_v1_SnapshotResponse__Output>): grpc.ClientWritableStream<_raft_v1_SnapshotChunk>;
  SendSnapshot(callback: grpc.requestCallback<_raft_v1_SnapshotResponse__Output>): grpc.ClientWritableStream<_raft_v1_SnapshotChunk>;
  sendSnapshot(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_raft_v1_SnapshotResponse__Output>): grpc.ClientWritableStream<_raft_v1_SnapshotChunk>;
  sendSnapshot(metadata: grpc.Metadata, callback: grpc.requestCallback<_raft_v1_SnapshotResponse__Output>): grpc.ClientWritableStream<_raft_v1_SnapshotChunk>;
  sendSnapshot(options: grpc.CallOptions, callback: grpc.requestCallback<_raft_v1_SnapshotResponse__Output>): grpc.ClientWritableStream<_raft_v1_SnapshotChunk>;
  sendSnapshot(callback: grpc.requestCallback<_raft_v1_SnapshotResponse__Output>): grpc.ClientWritableStream<_raft_v1_SnapshotChunk>;
  
}

export interface RaftHandlers extends grpc.UntypedServiceImplementation {
  Send: grpc.handleClientStreamingCall<_raft_v1_Envelope__Output, _raft_v1_SendResponse>;
  
  SendSnapshot: grpc.handleClientStreamingCall<_raft_v1_SnapshotChunk__Output, _raft_v1_SnapshotResponse>;
  
}

export interface RaftDefinition extends grpc.ServiceDefinition {
  Send: MethodDefinition<_raft_v1_Envelope, _raft_v1_SendResponse, _raft_v1_Envelope__Output, _raft_v1_SendResponse__Output>
  SendSnapshot: MethodDefinition<_raft_v1_SnapshotChunk, _raft_v1_SnapshotResponse, _raft_v1_SnapshotChunk__Output, _raft_v1_SnapshotResponse__Output>
}
