// Everything DockerPodRuntime is configured with. The agent fills it from its command line; tests inject
// small back-offs and a clock.
import type Dockerode from "dockerode";

export interface RuntimeLogger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

export interface CniOptions {
  /** Directories searched for the plugin executable named by the netconf's `type` (CNI_PATH). */
  binDirs: string[];
  /** `tskube` = our plugin (via the shim), `bridge` = the reference bridge + host-local. */
  plugin: "tskube" | "bridge";
  /** Default cbr0. */
  bridge?: string;
  /** Default 1500. */
  mtu?: number;
  /** host-local's store directory. */
  ipamDataDir: string;
  /** Where pause processes' namespaces are found: `<netnsDir>/<pid>/ns/net` (default /proc). */
  netnsDir?: string;
  /**
   * When set, the plugin is run as `nsenter --net=<this path> <plugin>`: for a runtime driven from a
   * process outside the node's network namespace (tests). The agent itself runs inside it and leaves this unset.
   */
  nsenter?: string;
  /** The netconf's `name` (default tskube): also host-local's subdirectory of ipamDataDir. */
  networkName?: string;
}

export interface BackoffTuning {
  initialMs?: number;
  maxMs?: number;
}

export interface DockerPodRuntimeOptions {
  docker: Dockerode;
  nodeName: string;
  /** The node's pod subnet (node.spec.podCIDR), handed to IPAM. */
  podCIDR: string;
  /** Per-pod directories: `<podsRoot>/<uid>/volumes/…` and the sandbox's network record. */
  podsRoot: string;
  pauseImage: string;
  cni: CniOptions;
  logger: RuntimeLogger;
  now?: () => Date;
  /** CrashLoopBackOff (default 10 s doubling to 300 s). */
  crashBackoff?: BackoffTuning;
  /** ImagePullBackOff (default 10 s doubling to 300 s). */
  imageBackoff?: BackoffTuning;
}
