// A linearizability checker (Wing & Gong's search with Lowe's memoisation) for histories recorded in
// simulations and store tests, plus a ready-made key/value model and a history recorder.

export { checkOperations } from "./check.js";
export { LinearizabilityError, type LinearizabilityErrorCode } from "./errors.js";
export { HistoryRecorder } from "./history-recorder.js";
export { type KvInput, type KvOutput, type KvState, kvModel } from "./kv-model.js";
export type { CheckOptions, CheckResult, Model, Operation } from "./types.js";
