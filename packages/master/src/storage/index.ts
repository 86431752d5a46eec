export { StorageError, type StorageErrorCode } from "./errors.js";
export type { MemberIdentity } from "./identity-codec.js";
export { RaftStorage, type StorageWrite } from "./raft-storage.js";
