import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ConfState as _raft_v1_ConfState, ConfState__Output as _raft_v1_ConfState__Output } from './raft/v1/ConfState.js';
import type { Entry as _raft_v1_Entry, Entry__Output as _raft_v1_Entry__Output } from './raft/v1/Entry.js';
import type { Envelope as _raft_v1_Envelope, Envelope__Output as _raft_v1_Envelope__Output } from './raft/v1/Envelope.js';
import type { Message as _raft_v1_Message, Message__Output as _raft_v1_Message__Output } from './raft/v1/Message.js';
import type { RaftClient as _raft_v1_RaftClient, RaftDefinition as _raft_v1_RaftDefinition } from './raft/v1/Raft.js';
import type { SendResponse as _raft_v1_SendResponse, SendResponse__Output as _raft_v1_SendResponse__Output } from './raft/v1/SendResponse.js';
import type { Snapshot as _raft_v1_Snapshot, Snapshot__Output as _raft_v1_Snapshot__Output } from './raft/v1/Snapshot.js';
import type { SnapshotChunk as _raft_v1_SnapshotChunk, SnapshotChunk__Output as _raft_v1_SnapshotChunk__Output } from './raft/v1/SnapshotChunk.js';
import type { SnapshotHeader as _raft_v1_SnapshotHeader, SnapshotHeader__Output as _raft_v1_SnapshotHeader__Output } from './raft/v1/SnapshotHeader.js';
import type { SnapshotMetadata as _raft_v1_SnapshotMetadata, SnapshotMetadata__Output as _raft_v1_SnapshotMetadata__Output } from './raft/v1/SnapshotMetadata.js';
import type { SnapshotResponse as _raft_v1_SnapshotResponse, SnapshotResponse__Output as _raft_v1_SnapshotResponse__Output } from './raft/v1/SnapshotResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  raft: {
    v1: {
      ConfState: MessageTypeDefinition<_raft_v1_ConfState, _raft_v1_ConfState__Output>
      Entry: MessageTypeDefinition<_raft_v1_Entry, _raft_v1_Entry__Output>
      EntryType: EnumTypeDefinition
      Envelope: MessageTypeDefinition<_raft_v1_Envelope, _raft_v1_Envelope__Output>
      Message: MessageTypeDefinition<_raft_v1_Message, _raft_v1_Message__Output>
      MessageType: EnumTypeDefinition
      Raft: SubtypeConstructor<typeof grpc.Client, _raft_v1_RaftClient> & { service: _raft_v1_RaftDefinition }
      SendResponse: MessageTypeDefinition<_raft_v1_SendResponse, _raft_v1_SendResponse__Output>
      Snapshot: MessageTypeDefinition<_raft_v1_Snapshot, _raft_v1_Snapshot__Output>
      SnapshotChunk: MessageTypeDefinition<_raft_v1_SnapshotChunk, _raft_v1_SnapshotChunk__Output>
      SnapshotHeader: MessageTypeDefinition<_raft_v1_SnapshotHeader, _raft_v1_SnapshotHeader__Output>
      SnapshotMetadata: MessageTypeDefinition<_raft_v1_SnapshotMetadata, _raft_v1_SnapshotMetadata__Output>
      SnapshotResponse: MessageTypeDefinition<_raft_v1_SnapshotResponse, _raft_v1_SnapshotResponse__Output>
    }
  }
}

