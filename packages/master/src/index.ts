export { type AckedWrite, ContinuousWriter } from "./bench/continuous-writer.js";
export {
  ETCD_FAILOVER_MEDIAN_MS,
  type FailoverBenchResult,
  type FailoverRound,
  failoverRound,
  formatFailoverResult,
  median,
  runFailoverBench,
} from "./bench/failover-bench.js";
export { CallError } from "./client/call.js";
export { ClusterClient, type MemberInfo, type MemberStatusInfo } from "./client/cluster-client.js";
export { type KvCallOptions, KvClient, type KvGetOptions, type KvWriteOptions } from "./client/kv-client.js";
export {
  defaultMasterOptions,
  deriveClusterId,
  formatInitialCluster,
  type MasterOptions,
  parseInitialCluster,
  requestTimeoutMs,
  stripScheme,
} from "./config.js";
export { MasterError, type MasterErrorCode } from "./errors.js";
export { createLogger, type Logger } from "./logger.js";
export { type Master, type MasterDeps, type StopReason, startMaster } from "./master.js";
export { MasterMetrics } from "./metrics.js";
export { freeLoopbackPorts } from "./net.js";
export { LocalCluster, type LocalClusterOptions, type MemberSlot, sleep } from "./process/local-cluster.js";
export {
  MasterProcess,
  masterArgs,
  type ProcessExit,
  type SpawnMasterOptions,
  spawnMaster,
} from "./process/spawn-master.js";
export { type MemberStatus, type RaftCore, RaftDriver } from "./raft-driver.js";
export { RaftStorage, StorageError, type StorageErrorCode } from "./storage/index.js";
export { createRaftPeerClient } from "./transport/peer-client.js";
export { MAX_PEER_MESSAGE_BYTES } from "./transport/raft-service.js";
export { clusterIdNumber, memberIdOf } from "./member-id.js";
export { loadStoreProtos, STORE_LOADER_OPTIONS } from "./grpc/protos.js";
