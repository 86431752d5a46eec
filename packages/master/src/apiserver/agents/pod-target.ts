import { ApiError } from "@tskube/api";
import type { Container, Node, Pod } from "kubernetes-types/core/v1.js";
import type { ApiCore, UserInfo } from "../api-types.js";
import { type AgentAddress, agentAddress } from "./agent-address.js";

/** The API server reads pods and nodes for its own proxying, after authorizing the subresource itself. */
export const API_SERVER_USER: UserInfo = { name: "system:apiserver", groups: ["system:masters"] };

/** The container a log/exec/attach request is about, and the agent that runs it. */
export interface PodTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly address: AgentAddress;
}

/**
 * Resolves pod → container → node → agent address with the API server's own errors, in its order: the pod
 * must exist, the container be named (or be the only one) and exist, the pod be bound to a node.
 * Returns null for an unscheduled pod when `unscheduled` is "empty" (logs of such a pod are empty).
 */
export async function resolvePodTarget(
  core: ApiCore,
  namespace: string,
  name: string,
  containerParam: string | null,
  unscheduled: "empty" | "error",
): Promise<PodTarget | null> {
  const pod = (await core.get({
    user: API_SERVER_USER,
    group: "",
    version: "v1",
    resource: "pods",
    namespace,
    name,
  })) as Pod;
  const container = pickContainer(pod, name, containerParam ?? "");
  const nodeName = pod.spec?.nodeName ?? "";
  if (nodeName === "") {
    if (unscheduled === "empty") return null;
    throw new ApiError("BadRequest", `pod ${name} does not have a host assigned`);
  }
  const node = (await core.get({
    user: API_SERVER_USER,
    group: "",
    version: "v1",
    resource: "nodes",
    name: nodeName,
  })) as Node;
  return { namespace, pod: name, container, address: agentAddress(node) };
}

function pickContainer(pod: Pod, name: string, requested: string): string {
  const containers = pod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];
  if (requested !== "") {
    const known = [...containers, ...inits, ...(pod.spec?.ephemeralContainers ?? [])].some(
      (c) => c.name === requested,
    );
    if (!known) throw new ApiError("BadRequest", `container ${requested} is not valid for pod ${name}`);
    return requested;
  }
  const only = containers.length === 1 ? containers[0] : undefined;
  if (only !== undefined) return only.name;
  if (containers.length === 0) {
    throw new ApiError("BadRequest", `a container name must be specified for pod ${name}`);
  }
  let message = `a container name must be specified for pod ${name}, choose one of: [${names(containers)}]`;
  if (inits.length > 0) message += ` or one of the init containers: [${names(inits)}]`;
  throw new ApiError("BadRequest", message);
}

function names(containers: readonly Pick<Container, "name">[]): string {
  return containers.map((c) => c.name).join(" ");
}
