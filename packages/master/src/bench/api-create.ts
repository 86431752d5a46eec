import type { StoreClient } from "../client/store-client.js";
import type { ApiHttpClient } from "./api-http-client.js";
import { closedLoop, mergePhases, type Operation, openLoop, type PhaseResult, runAll } from "./api-load.js";
import { JSON_TYPE, type PodPlan, podBody, podName, podsPath } from "./api-pods.js";

/** What the create phases drive: the API servers (index = master), one store client per master. */
export interface CreateTargets {
  readonly http: ApiHttpClient;
  /** Master names and their API URLs and store clients, in the same order. */
  readonly names: readonly string[];
  readonly servers: readonly string[];
  readonly stores: readonly StoreClient[];
  readonly plan: PodPlan;
}

/**
 * Creates are spread round-robin over the masters by sequence number (create k goes to master k mod 3),
 * as a load balancer in front of three API servers would: two of every three land on a follower, whose
 * store forwards the write to the Raft leader.
 */
export function masterOf(t: CreateTargets, seq: number): number {
  return seq % t.servers.length;
}

export function tagOf(t: CreateTargets): (seq: number) => string {
  return (seq) => t.names[masterOf(t, seq)] ?? "?";
}

function createOp(t: CreateTargets): Operation {
  return async (seq) => {
    const pod = t.plan.take();
    try {
      await t.http.expect(201, t.servers[masterOf(t, seq)] as string, "POST", podsPath(pod.namespace), {
        text: podBody(pod.namespace, pod.name, pod.seq),
        contentType: JSON_TYPE,
      });
    } catch (err) {
      t.plan.failedCreate(pod.seq);
      throw err;
    }
  };
}

/**
 * The store's share of a create, measured alone: the guarded transaction the API server sends for a create
 * (put if the key's mod revision is 0, else read it), with a pod as the API server stores it, sent to the
 * same master the API call would have gone to.
 */
function storeTxnOp(t: CreateTargets, prefix: string, value: string): Operation {
  // Keys from a counter of its own: a phase run in blocks starts its sequence numbers again in each block.
  let next = 0;
  return async (seq) => {
    const key = `${prefix}${next++}`;
    const r = await (t.stores[masterOf(t, seq)] as StoreClient).txn({
      compare: [{ key, target: "modRevision", result: "=", value: 0 }],
      success: [{ type: "put", key, value }],
      failure: [{ type: "range", key }],
    });
    if (!r.succeeded) throw new Error(`store txn: ${key} already exists`);
  };
}

export function steadyCreates(t: CreateTargets, rate: number, durationMs: number): Promise<PhaseResult> {
  return openLoop(rate, durationMs, tagOf(t), createOp(t));
}

export function closedCreates(
  t: CreateTargets,
  concurrency: number,
  warmupMs: number,
  durationMs: number,
): Promise<PhaseResult> {
  return closedLoop(concurrency, warmupMs, durationMs, tagOf(t), createOp(t));
}

/**
 * The steady phase: API creates and the store's guarded txns at the same open-loop rate, alternating in
 * blocks of `blockMs` (store then API, API then store, ...), so both see the same background load on a
 * shared machine and the difference between them is the API layer's.
 */
export async function steadyInterleaved(
  t: CreateTargets,
  rate: number,
  durationMs: number,
  blockMs: number,
  prefix: string,
  value: string,
  /** CPU seconds the masters used so far (read around each block). */
  cpuSeconds: () => number,
): Promise<{ readonly api: SteadyKind; readonly store: SteadyKind }> {
  const api: PhaseResult[] = [];
  const store: PhaseResult[] = [];
  const cpu = { api: 0, store: 0 };
  const create = createOp(t);
  const txn = storeTxnOp(t, prefix, value);
  const blocks = Math.max(1, Math.round(durationMs / blockMs));
  const block = async (kind: "api" | "store", op: Operation, into: PhaseResult[], ms: number) => {
    const before = cpuSeconds();
    into.push(await openLoop(rate, ms, tagOf(t), op));
    cpu[kind] += cpuSeconds() - before;
  };
  for (let b = 0; b < blocks; b++) {
    const ms = durationMs / blocks;
    const runStore = () => block("store", txn, store, ms);
    const runApi = () => block("api", create, api, ms);
    if (b % 2 === 0) {
      await runStore();
      await runApi();
    } else {
      await runApi();
      await runStore();
    }
  }
  const kind = (parts: PhaseResult[], seconds: number): SteadyKind => {
    const result = mergePhases(parts);
    const done = result.summary.count + result.summary.failed;
    return { result, cpuMsPerOp: done > 0 ? (1000 * seconds) / done : Number.NaN };
  };
  return { api: kind(api, cpu.api), store: kind(store, cpu.store) };
}

export interface SteadyKind {
  readonly result: PhaseResult;
  /** CPU the three masters spent per operation, in ms (all of it: the leader's, the followers'). */
  readonly cpuMsPerOp: number;
}

export function steadyStoreTxns(
  t: CreateTargets,
  prefix: string,
  value: string,
  rate: number,
  durationMs: number,
): Promise<PhaseResult> {
  return openLoop(rate, durationMs, tagOf(t), storeTxnOp(t, prefix, value));
}

export function closedStoreTxns(
  t: CreateTargets,
  prefix: string,
  value: string,
  concurrency: number,
  warmupMs: number,
  durationMs: number,
): Promise<PhaseResult> {
  return closedLoop(concurrency, warmupMs, durationMs, tagOf(t), storeTxnOp(t, prefix, value));
}

/**
 * Tops the LIST namespace up to exactly `plan.listPods` pods (names the create phases never reached or
 * failed to create), `concurrency` at a time; an AlreadyExists answer means an earlier attempt landed.
 * Returns how many it created.
 */
export async function fillListNamespace(t: CreateTargets, concurrency: number): Promise<number> {
  let created = 0;
  let missing = t.plan.missing();
  for (let round = 0; missing.length > 0; round++) {
    if (round >= 5) throw new Error(`could not create ${missing.length} pods of the LIST namespace`);
    missing = await runAll(missing, concurrency, async (seq) => {
      const ns = t.plan.listNamespace;
      const r = await t.http.send(t.servers[masterOf(t, seq)] as string, "POST", podsPath(ns), {
        text: podBody(ns, podName(seq), seq),
        contentType: JSON_TYPE,
      });
      if (r.status === 201) created++;
      else if (r.status !== 409) throw new Error(`create ${podName(seq)}: ${r.status}`);
    });
  }
  return created;
}
