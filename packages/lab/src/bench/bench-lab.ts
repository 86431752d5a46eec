import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { freeLabSubnet } from "../free-subnet.js";
import { labDown, labUp, labUpSteps } from "../lab-cluster.js";
import { grpcEndpoints, kubeconfigPath, type LabCni, type LabPlan, labPlan } from "../lab-plan.js";
import type { LabState } from "../lab-state.js";

// The bench's own lab: random bridge and prefix, a /24 of 192.168.57–63 no route uses yet (a developer's lab
// on .56 and the tests' labs are left alone), torn down by the caller in `finally` and on a signal.

export interface AdminPems {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/** `cni`: the agents' CNI plugin (env BENCH_PODS_CNI; "bridge" = Debian's reference plugins, to tell the
 * plugin's cost apart from the agent's). */
export async function benchLabPlan(cni: LabCni = "tskube"): Promise<LabPlan> {
  const suffix = randomBytes(3).toString("hex");
  return labPlan({
    dir: `/tmp/tkbp-${suffix}`,
    subnet: await freeLabSubnet(),
    bridge: `tkbpb-${suffix}`,
    prefix: `tkbp-${suffix}`,
    masters: 3,
    workers: 3,
    cni,
  });
}

export async function startBenchLab(plan: LabPlan, onStep: (what: string) => void): Promise<LabState> {
  const total = labUpSteps(plan, true);
  let n = 0;
  return labUp(plan, { waitNodes: true, onStep: (what) => onStep(`lab up [${++n}/${total}] ${what}`) });
}

/** Tears the lab down on SIGINT/SIGTERM too; the returned function removes the handlers. */
export function downOnSignal(plan: LabPlan): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`pods bench: ${signal}: tearing the bench lab down\n`);
    void labDown(plan).finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  };
}

/** The admin credentials `lab up` wrote into the kubeconfig (client certificate of system:masters). */
export function adminPems(plan: LabPlan): AdminPems {
  const text = readFileSync(kubeconfigPath(plan), "utf8");
  const field = (key: string): string => {
    const m = new RegExp(`${key}:\\s*(\\S+)`).exec(text);
    if (m?.[1] === undefined) throw new Error(`pods bench: ${key} missing from ${kubeconfigPath(plan)}`);
    return Buffer.from(m[1], "base64").toString("utf8");
  };
  return {
    caPem: field("certificate-authority-data"),
    certPem: field("client-certificate-data"),
    keyPem: field("client-key-data"),
  };
}

export function benchEndpoints(plan: LabPlan): string[] {
  return grpcEndpoints(plan);
}
