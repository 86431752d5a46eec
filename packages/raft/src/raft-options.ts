import { RaftError } from "./errors.js";
import type { NodeId, RaftConfig } from "./types.js";

/** The defaults the master uses; tests and the simulation override single fields with a spread. */
export function defaultRaftConfig(id: NodeId, random: () => number): RaftConfig {
  return {
    id,
    electionTick: 10,
    heartbeatTick: 1,
    preVote: true,
    checkQuorum: true,
    maxSizePerMsg: 1024 * 1024,
    maxInflightMsgs: 256,
    maxInflightBytes: 0,
    maxUncommittedEntriesSize: 64 * 1024 * 1024,
    snapshotCatchUpEntries: 5000,
    random,
  };
}

function isNonNegativeInt(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

/** Rejects configs that would make the core misbehave silently (e.g. heartbeats slower than elections). */
export function validateRaftConfig(c: RaftConfig): void {
  const bad = (field: string, why: string): never => {
    throw new RaftError("InvalidArgument", `RaftConfig.${field}: ${why}`);
  };
  if (typeof c.id !== "string" || c.id === "") bad("id", "must be a non-empty string");
  if (!isNonNegativeInt(c.heartbeatTick) || c.heartbeatTick < 1)
    bad("heartbeatTick", "must be an integer ≥ 1");
  if (!isNonNegativeInt(c.electionTick) || c.electionTick <= c.heartbeatTick) {
    bad("electionTick", "must be an integer > heartbeatTick");
  }
  if (!isNonNegativeInt(c.maxSizePerMsg)) bad("maxSizePerMsg", "must be a non-negative integer");
  if (!isNonNegativeInt(c.maxInflightMsgs) || c.maxInflightMsgs < 1) {
    bad("maxInflightMsgs", "must be an integer ≥ 1");
  }
  if (!isNonNegativeInt(c.maxInflightBytes)) bad("maxInflightBytes", "must be a non-negative integer");
  if (!isNonNegativeInt(c.maxUncommittedEntriesSize)) {
    bad("maxUncommittedEntriesSize", "must be a non-negative integer");
  }
  if (!isNonNegativeInt(c.snapshotCatchUpEntries))
    bad("snapshotCatchUpEntries", "must be a non-negative integer");
  if (typeof c.random !== "function") bad("random", "must be a function returning [0, 1)");
}
