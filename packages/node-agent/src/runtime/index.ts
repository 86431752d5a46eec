// The node agent's container runtime on Docker (PodRuntime) and what the agent needs around it.
export { cniNetconf, findPlugin, invokeCni, resultIp } from "./cni-invoke.js";
export { installCniShim, tskubeBin } from "./cni-shim.js";
export { DockerPodRuntime } from "./docker-pod-runtime.js";
export { CniInvokeError, RuntimeError, type RuntimeErrorKind } from "./errors.js";
export { normalizeImage, pullPolicy } from "./image-puller.js";
export type { BackoffTuning, CniOptions, DockerPodRuntimeOptions, RuntimeLogger } from "./runtime-options.js";
export type * from "./runtime-types.js";
