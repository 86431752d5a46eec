import { ApiError } from "@tskube/api";
import type { Node } from "kubernetes-types/core/v1.js";

/** Where a node's agent serves HTTPS (logs, exec, stats). */
export interface AgentAddress {
  readonly nodeName: string;
  readonly host: string;
  readonly port: number;
}

/** The kubelet's default port, used when a Node does not publish its endpoint (as the API server does). */
export const DEFAULT_AGENT_PORT = 10250;

// Hostnames of lab nodes ("w1") resolve nowhere, so unlike kube-apiserver's default order the IPs come first.
const PREFERRED_TYPES = ["InternalIP", "ExternalIP"] as const;

/** The agent's address from the Node's status: its InternalIP and status.daemonEndpoints.kubeletEndpoint.Port. */
export function agentAddress(node: Node): AgentAddress {
  const addresses = node.status?.addresses ?? [];
  const nodeName = node.metadata?.name ?? "";
  for (const type of PREFERRED_TYPES) {
    const found = addresses.find((a) => a.type === type && a.address !== "");
    if (found === undefined) continue;
    const port = node.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 0;
    return { nodeName, host: found.address, port: port > 0 ? port : DEFAULT_AGENT_PORT };
  }
  const known = addresses.map((a) => `{${a.type} ${a.address}}`).join(" ");
  throw new ApiError("InternalError", `no preferred addresses found; known addresses: [${known}]`);
}

/** host:port, with IPv6 hosts bracketed. */
export function hostPort(a: AgentAddress): string {
  return a.host.includes(":") ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}
