import type { DaemonSet, Deployment, ReplicaSet } from "kubernetes-types/apps/v1.js";
import { age } from "./age.js";
import { ageColumn, column, nameColumn, wideColumn } from "./columns.js";
import { containersAndImages, formatLabelSelector, formatLabels, selectorText } from "./format.js";
import type { KindPrinter, TableCell } from "./types.js";

// Deployment, ReplicaSet and DaemonSet printers. Their counts are int64 cells, as Kubernetes sends them.
// An absent spec.replicas means the defaulted 1.

const WIDE_TEMPLATE = [wideColumn("Containers"), wideColumn("Images"), wideColumn("Selector")] as const;

export const deploymentPrinter: KindPrinter<Deployment> = {
  columns: [
    nameColumn(),
    column("Ready"),
    column("Up-to-date"),
    column("Available"),
    ageColumn,
    ...WIDE_TEMPLATE,
  ],
  row(d: Deployment, now: Date): TableCell[] {
    const status = d.status ?? {};
    return [
      d.metadata?.name ?? "",
      `${status.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      status.updatedReplicas ?? 0,
      status.availableReplicas ?? 0,
      age(d.metadata?.creationTimestamp, now),
      ...containersAndImages(d.spec?.template.spec?.containers),
      selectorText(d.spec?.selector),
    ];
  },
};

export const replicaSetPrinter: KindPrinter<ReplicaSet> = {
  columns: [
    nameColumn(),
    column("Desired", "integer"),
    column("Current", "integer"),
    column("Ready", "integer"),
    ageColumn,
    ...WIDE_TEMPLATE,
  ],
  row(rs: ReplicaSet, now: Date): TableCell[] {
    return [
      rs.metadata?.name ?? "",
      rs.spec?.replicas ?? 1,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      age(rs.metadata?.creationTimestamp, now),
      ...containersAndImages(rs.spec?.template?.spec?.containers),
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};

export const daemonSetPrinter: KindPrinter<DaemonSet> = {
  columns: [
    nameColumn(),
    column("Desired", "integer"),
    column("Current", "integer"),
    column("Ready", "integer"),
    column("Up-to-date", "integer"),
    column("Available", "integer"),
    column("Node Selector"),
    ageColumn,
    ...WIDE_TEMPLATE,
  ],
  row(ds: DaemonSet, now: Date): TableCell[] {
    const status = ds.status;
    return [
      ds.metadata?.name ?? "",
      status?.desiredNumberScheduled ?? 0,
      status?.currentNumberScheduled ?? 0,
      status?.numberReady ?? 0,
      status?.updatedNumberScheduled ?? 0,
      status?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template.spec?.nodeSelector),
      age(ds.metadata?.creationTimestamp, now),
      ...containersAndImages(ds.spec?.template.spec?.containers),
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};
