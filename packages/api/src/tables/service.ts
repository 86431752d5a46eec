import type { Service, ServicePort } from "kubernetes-types/core/v1.js";
import { age } from "./age.js";
import { ageColumn, column, nameColumn, wideColumn } from "./columns.js";
import { formatLabels, NONE } from "./format.js";
import type { KindPrinter, TableCell } from "./types.js";

// printService: External-IP depends on the type (LoadBalancer waits for ingress as "<pending>").

function externalIP(svc: Service): string {
  const spec = svc.spec ?? {};
  const external = spec.externalIPs ?? [];
  switch (spec.type ?? "ClusterIP") {
    case "ClusterIP":
    case "NodePort":
      return external.length > 0 ? external.join(",") : NONE;
    case "LoadBalancer": {
      const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || "");
      const all = [...ingress.filter((s) => s !== ""), ...external];
      return all.length > 0 ? all.join(",") : "<pending>";
    }
    case "ExternalName":
      return spec.externalName ?? "";
    default:
      return "<unknown>";
  }
}

/** "80:30080/TCP,443/TCP": the node port appears only when allocated. */
export function formatPorts(ports: readonly ServicePort[] | undefined): string {
  if (ports === undefined || ports.length === 0) return NONE;
  return ports
    .map((p) => {
      const protocol = p.protocol ?? "TCP";
      return p.nodePort ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
    })
    .join(",");
}

export const servicePrinter: KindPrinter<Service> = {
  columns: [
    nameColumn(),
    column("Type"),
    column("Cluster-IP"),
    column("External-IP"),
    column("Port(s)"),
    ageColumn,
    wideColumn("Selector"),
  ],
  row(svc: Service, now: Date): TableCell[] {
    return [
      svc.metadata?.name ?? "",
      svc.spec?.type ?? "ClusterIP",
      svc.spec?.clusterIP || NONE,
      externalIP(svc),
      formatPorts(svc.spec?.ports),
      age(svc.metadata?.creationTimestamp, now),
      formatLabels(svc.spec?.selector),
    ];
  },
};
