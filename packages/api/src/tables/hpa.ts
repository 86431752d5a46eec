import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from "kubernetes-types/autoscaling/v2.js";
import { age } from "./age.js";
import { ageColumn, column, nameColumn } from "./columns.js";
import { joinWithMore, NONE } from "./format.js";
import type { KindPrinter, TableCell } from "./types.js";

// printHorizontalPodAutoscaler: Targets pairs each metric spec with the status at the same index
// ("current/target"); a metric without a reading yet shows "<unknown>".

const UNKNOWN = "<unknown>";
const MAX_SHOWN = 2;

const percent = (n: number | undefined): string | undefined => (n === undefined ? undefined : `${n}%`);

function formatMetric(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case "Resource":
    case "ContainerResource": {
      const source = spec.type === "Resource" ? spec.resource : spec.containerResource;
      const current =
        spec.type === "Resource" ? status?.resource?.current : status?.containerResource?.current;
      const name = source?.name ?? "";
      if (source?.target.averageValue !== undefined) {
        return `${name}: ${current?.averageValue ?? UNKNOWN}/${source.target.averageValue}`;
      }
      const target = percent(source?.target.averageUtilization) ?? "<auto>";
      return `${name}: ${percent(current?.averageUtilization) ?? UNKNOWN}/${target}`;
    }
    case "Pods":
      return `${status?.pods?.current.averageValue ?? UNKNOWN}/${spec.pods?.target.averageValue ?? ""}`;
    case "Object":
    case "External": {
      const target = spec.type === "Object" ? spec.object?.target : spec.external?.target;
      const current = spec.type === "Object" ? status?.object?.current : status?.external?.current;
      if (target?.averageValue !== undefined) {
        return `${current?.averageValue ?? UNKNOWN}/${target.averageValue} (avg)`;
      }
      return `${current?.value ?? UNKNOWN}/${target?.value ?? ""}`;
    }
    default:
      return "<unknown type>";
  }
}

export function formatHpaTargets(hpa: HorizontalPodAutoscaler): string {
  const specs = hpa.spec?.metrics ?? [];
  if (specs.length === 0) return NONE;
  const statuses = hpa.status?.currentMetrics ?? [];
  const list = specs.map((spec, i) => formatMetric(spec, statuses[i]));
  return joinWithMore(list, list.length, MAX_SHOWN, ", ");
}

export const hpaPrinter: KindPrinter<HorizontalPodAutoscaler> = {
  columns: [
    nameColumn(),
    column("Reference"),
    column("Targets"),
    column("MinPods"),
    column("MaxPods"),
    column("Replicas"),
    ageColumn,
  ],
  row(hpa: HorizontalPodAutoscaler, now: Date): TableCell[] {
    const ref = hpa.spec?.scaleTargetRef;
    return [
      hpa.metadata?.name ?? "",
      `${ref?.kind ?? ""}/${ref?.name ?? ""}`,
      formatHpaTargets(hpa),
      hpa.spec?.minReplicas === undefined ? "<unset>" : String(hpa.spec.minReplicas),
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      age(hpa.metadata?.creationTimestamp, now),
    ];
  },
};
