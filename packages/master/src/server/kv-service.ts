import * as grpc from "@grpc/grpc-js";
import type { DeleteRequest__Output } from "../generated/kv/v1/DeleteRequest.js";
import type { DeleteResponse } from "../generated/kv/v1/DeleteResponse.js";
import type { GetRequest__Output } from "../generated/kv/v1/GetRequest.js";
import type { GetResponse } from "../generated/kv/v1/GetResponse.js";
import type { KVHandlers } from "../generated/kv/v1/KV.js";
import type { PutRequest__Output } from "../generated/kv/v1/PutRequest.js";
import type { PutResponse } from "../generated/kv/v1/PutResponse.js";
import { statusError, unary } from "../grpc/status.js";
import type { RaftDriver } from "../raft-driver.js";
import type { KvStateMachine } from "../state-machine/kv-state-machine.js";

const MAX_KEY_BYTES = 1024;
const MAX_VALUE_BYTES = 1024 * 1024;

function checkKey(key: string): void {
  if (key === "") throw statusError(grpc.status.INVALID_ARGUMENT, "key must not be empty");
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw statusError(grpc.status.INVALID_ARGUMENT, `key longer than ${MAX_KEY_BYTES} bytes`);
  }
}

/** kv.v1.KV: writes go through Raft (forwarded by the core on followers); reads use ReadIndex. */
export function kvServiceHandlers(driver: RaftDriver, stateMachine: KvStateMachine): KVHandlers {
  return {
    Put: unary<PutRequest__Output, PutResponse>(async (req) => {
      checkKey(req.key);
      if (Buffer.byteLength(req.value) > MAX_VALUE_BYTES) {
        throw statusError(grpc.status.INVALID_ARGUMENT, `value longer than ${MAX_VALUE_BYTES} bytes`);
      }
      const result = await driver.propose({ op: "put", key: req.key, value: req.value });
      return { index: result.index };
    }),
    Get: unary<GetRequest__Output, GetResponse>(async (req) => {
      checkKey(req.key);
      const index = req.serializable ? driver.appliedIndex : await driver.linearizableRead();
      const value = stateMachine.get(req.key);
      return { found: value !== undefined, value: value ?? "", index };
    }),
    Delete: unary<DeleteRequest__Output, DeleteResponse>(async (req) => {
      checkKey(req.key);
      const result = await driver.propose({ op: "delete", key: req.key });
      return { deleted: result.op === "delete" && result.deleted, index: result.index };
    }),
  };
}
