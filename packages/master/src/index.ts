export type { ApiObject, PatchKind } from "./apiserver/api-object.js";
export { type ApiServer, type ApiServerOptions, startApiServer } from "./apiserver/api-server.js";
export type * from "./apiserver/api-types.js";
export { CLUSTER_CA_KEY, ensureClusterCa, readClusterCa } from "./apiserver/cluster-ca-store.js";
export { type ControlPlaneOptions, startControlPlane } from "./apiserver/control-plane.js";
export {
  adminKubeconfig,
  GROUP_MASTERS,
  GROUP_VIEW,
  issueClientCert,
  kubeconfig,
} from "./auth/index.js";
export { type AckedWrite, ContinuousWriter } from "./bench/continuous-writer.js";
export { type FailoverRound, failoverRound } from "./bench/failover-round.js";
export { median, percentile } from "./bench/stats.js";
export { runStoreBench, type StoreBenchOptions, storeBenchOptionsFromEnv } from "./bench/store-bench.js";
export {
  STORE_BENCH_REQUIRED_KEYS,
  type StoreBenchResult,
  type SystemFigures,
} from "./bench/store-figures.js";
export { CallError } from "./client/call.js";
export { ClusterClient, type MemberInfo, type MemberStatusInfo } from "./client/cluster-client.js";
export { StoreClient } from "./client/store-client.js";
export {
  type CallOptions as StoreCallOptions,
  DEFAULT_DEADLINE_MS as STORE_DEFAULT_DEADLINE_MS,
  DEFAULT_RETRY_BUDGET_MS as STORE_DEFAULT_RETRY_BUDGET_MS,
  type StoreClientOptions,
} from "./client/store-client-options.js";
export { prefixEnd } from "./client/store-convert.js";
export {
  type CallClass,
  type Classification,
  classifyStatus,
  isRetryable,
  provenNotSent,
  StoreClientError,
  type StoreErrorKind,
} from "./client/store-errors.js";
export type { KeepAliveHandle } from "./client/store-keep-alive.js";
export { type Clock, type RetryPlan, withRetries } from "./client/store-retry.js";
export { cmp, op } from "./client/store-txn.js";
export {
  type Bytes,
  type Compare as StoreCompare,
  type CompareResult,
  type CompareTarget,
  type DeleteOptions as StoreDeleteOptions,
  type DeleteResult as StoreDeleteResult,
  type EndpointStatus,
  KeyValue,
  type LeaseGrantResult,
  type LeaseTimeToLiveResult,
  type Member as StoreMember,
  type PutOptions as StorePutOptions,
  type PutResult as StorePutResult,
  type RangeOptions as StoreRangeOptions,
  type RangeResult as StoreRangeResult,
  type ResponseHeader as StoreResponseHeader,
  type SortOrder,
  type SortTarget,
  type TxnOp as StoreTxnOp,
  type TxnOpResult as StoreTxnOpResult,
  type TxnRequest as StoreTxnRequest,
  type TxnResult as StoreTxnResult,
  type WatchBatch as StoreWatchBatch,
  type WatchEvent as StoreWatchEvent,
  type WatchOptions as StoreWatchOptions,
} from "./client/store-types.js";
export { StoreWatch } from "./client/store-watch.js";
export { type AutoCompaction, parseAutoCompaction } from "./compaction/auto-compactor.js";
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
export {
  type ExternalStoreMaster,
  type ExternalStoreMasterOptions,
  parseEtcdStore,
  startExternalStoreMaster,
} from "./external/external-store-master.js";
export { loadStoreProtos, STORE_LOADER_OPTIONS } from "./grpc/protos.js";
export { createLogger, type Logger } from "./logger.js";
export { type Master, type MasterDeps, type StopReason, startMaster } from "./master.js";
export { clusterIdNumber, memberIdOf } from "./member-id.js";
export { MasterMetrics } from "./metrics.js";
export { freeLoopbackPorts } from "./net.js";
export {
  type EtcdMemberSpec,
  etcdBinary,
  LocalEtcdCluster,
  type LocalEtcdClusterOptions,
  linearizableRangeAnswers,
} from "./process/etcd-cluster.js";
export { LocalCluster, type LocalClusterOptions, type MemberSlot, sleep } from "./process/local-cluster.js";
export {
  MASTER_NODE_FLAGS,
  MasterProcess,
  masterArgs,
  masterEnv,
  type ProcessExit,
  type SpawnMasterOptions,
  spawnMaster,
} from "./process/spawn-master.js";
export { type MemberStatus, type RaftCore, RaftDriver } from "./raft-driver.js";
export { RaftStorage, StorageError, type StorageErrorCode } from "./storage/index.js";
export { createRaftPeerClient } from "./transport/peer-client.js";
export { MAX_PEER_MESSAGE_BYTES } from "./transport/raft-service.js";
