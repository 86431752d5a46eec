// The face of the consensus core: see docs/raft.md for the contract.

export { bootstrapState, emptyState } from "./bootstrap.js";
export { decodeConfChange, encodeConfChange } from "./conf-change.js";
export * from "./errors.js";
export { type MessageFields, makeMessage } from "./message.js";
export { RaftNode, TRANSFER_CONTEXT } from "./raft-node.js";
export { defaultRaftConfig } from "./raft-options.js";
export { seededRandom } from "./random.js";
export * from "./types.js";
