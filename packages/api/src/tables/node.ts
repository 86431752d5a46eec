import type { Node } from "kubernetes-types/core/v1.js";
import { compareGoStrings } from "../selectors/go-text.js";
import { age } from "./age.js";
import { ageColumn, column, nameColumn, wideColumn } from "./columns.js";
import { NONE } from "./format.js";
import type { KindPrinter, TableCell } from "./types.js";

// printNode: Status from the Ready condition (+ SchedulingDisabled when cordoned), Roles from labels.

const ROLE_PREFIX = "node-role.kubernetes.io/";
const ROLE_LABEL = "kubernetes.io/role";
const UNKNOWN = "<unknown>";

function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  const parts = [ready === undefined ? "Unknown" : ready.status === "True" ? "Ready" : "NotReady"];
  if (node.spec?.unschedulable) parts.push("SchedulingDisabled");
  return parts.join(",");
}

/** Roles: the suffix of each node-role.kubernetes.io/<role> label plus the legacy kubernetes.io/role value. */
export function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (key.startsWith(ROLE_PREFIX)) {
      const role = key.slice(ROLE_PREFIX.length);
      if (role !== "") roles.add(role);
    } else if (key === ROLE_LABEL && value !== "") {
      roles.add(value);
    }
  }
  return roles.size === 0 ? NONE : [...roles].sort(compareGoStrings).join(",");
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? NONE;
}

export const nodePrinter: KindPrinter<Node> = {
  columns: [
    nameColumn(),
    column("Status"),
    column("Roles"),
    ageColumn,
    column("Version"),
    wideColumn("Internal-IP"),
    wideColumn("External-IP"),
    wideColumn("OS-Image"),
    wideColumn("Kernel-Version"),
    wideColumn("Container-Runtime"),
  ],
  row(node: Node, now: Date): TableCell[] {
    const info = node.status?.nodeInfo;
    return [
      node.metadata?.name ?? "",
      nodeStatus(node),
      nodeRoles(node.metadata?.labels),
      age(node.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? "",
      address(node, "InternalIP"),
      address(node, "ExternalIP"),
      info?.osImage || UNKNOWN,
      info?.kernelVersion || UNKNOWN,
      info?.containerRuntimeVersion || UNKNOWN,
    ];
  },
};
