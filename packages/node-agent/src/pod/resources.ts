// Container resources → Docker's cgroup settings, as kubelet's calculateLinuxResources does.
import type { Container } from "kubernetes-types/core/v1.js";
import { quantityMilliValue, quantityValue } from "./quantity.js";

const MIN_SHARES = 2n;
const MAX_SHARES = 262144n;
const SHARES_PER_CPU = 1024n;
/** kubelet's minimum CFS quota is 1 ms per 100 ms period, i.e. 10m; Docker refuses less than 0.01 CPU. */
const MIN_MILLI_CPU_LIMIT = 10n;

/** cm.MilliCPUToShares: 1 CPU = 1024 shares, clamped to [2, 262144]. */
export function milliCpuToShares(milliCpu: bigint): number {
  if (milliCpu === 0n) return Number(MIN_SHARES);
  let shares = (milliCpu * SHARES_PER_CPU) / 1000n;
  if (shares < MIN_SHARES) shares = MIN_SHARES;
  if (shares > MAX_SHARES) shares = MAX_SHARES;
  return Number(shares);
}

export interface DockerResources {
  CpuShares: number;
  NanoCpus?: number;
  Memory?: number;
  MemorySwap?: number;
}

export function dockerResources(container: Container): DockerResources {
  const requests = container.resources?.requests ?? {};
  const limits = container.resources?.limits ?? {};
  const cpuLimit = limits.cpu !== undefined ? quantityMilliValue(limits.cpu) : 0n;
  // Without a request the request defaults to the limit (the API server does so too, for new pods).
  const cpuRequest = requests.cpu !== undefined ? quantityMilliValue(requests.cpu) : cpuLimit;
  const out: DockerResources = { CpuShares: milliCpuToShares(cpuRequest) };
  if (cpuLimit > 0n) {
    const milli = cpuLimit < MIN_MILLI_CPU_LIMIT ? MIN_MILLI_CPU_LIMIT : cpuLimit;
    out.NanoCpus = Number(milli * 1_000_000n);
  }
  const memory = limits.memory !== undefined ? quantityValue(limits.memory) : 0n;
  if (memory > 0n) {
    out.Memory = Number(memory);
    // Equal to Memory: no swap on top of the limit, as kubelet configures with swap off.
    out.MemorySwap = Number(memory);
  }
  return out;
}
