import type * as v1 from "kubernetes-types/autoscaling/v1.js";
import type * as v2 from "kubernetes-types/autoscaling/v2.js";
import type { ObjectMeta } from "kubernetes-types/meta/v1.js";
import {
  BEHAVIOR_ANNOTATION,
  CONDITIONS_ANNOTATION,
  dropRoundTripAnnotations,
  METRIC_SPECS_ANNOTATION,
  METRIC_STATUSES_ANNOTATION,
} from "./hpa-annotations.js";
import { decodeBehavior, encodeBehavior } from "./hpa-behavior.js";
import { metricSpecFromV1, metricSpecToV1, metricStatusFromV1, metricStatusToV1 } from "./hpa-v1-metrics.js";
import { compact, isObject, parseJson, str } from "./json-shape.js";

// HorizontalPodAutoscaler between autoscaling/v1 and v2, as Kubernetes converts through its internal
// (v2-shaped) type: v1's targetCPUUtilizationPercentage is the first CPU Resource metric with a
// utilization target, currentCPUUtilizationPercentage the CPU utilization in status, and everything v1
// cannot express travels in the autoscaling.alpha.kubernetes.io/* annotations. Malformed annotations are
// ignored, as Kubernetes does. Neither function modifies its argument.

/** autoscaling/v1 had an implicit 80% CPU target; v2 states it. */
export const DEFAULT_CPU_UTILIZATION = 80;

function isCpuResource(type: string, resource: { name: string } | undefined): boolean {
  return type === "Resource" && resource !== undefined && resource.name === "cpu";
}

function metadataWith(
  metadata: ObjectMeta | undefined,
  annotations: Record<string, string> | undefined,
): ObjectMeta | undefined {
  if (metadata === undefined) {
    return annotations === undefined || Object.keys(annotations).length === 0 ? undefined : { annotations };
  }
  const { annotations: _old, ...rest } = metadata;
  // Go omits an empty annotations map.
  return annotations === undefined || Object.keys(annotations).length === 0 ? rest : { ...rest, annotations };
}

function conditionToV1Text(c: v2.HorizontalPodAutoscalerCondition): Record<string, unknown> {
  // metav1.Time is a struct, so "omitempty" does not drop it: an unset time is written as null.
  return compact({
    type: c.type,
    status: c.status,
    lastTransitionTime: c.lastTransitionTime ?? null,
    reason: c.reason === "" ? undefined : c.reason,
    message: c.message === "" ? undefined : c.message,
  });
}

function conditionFromV1(raw: unknown): v2.HorizontalPodAutoscalerCondition | undefined {
  if (!isObject(raw)) return undefined;
  return compact({
    type: str(raw, "type") ?? "",
    status: str(raw, "status") ?? "",
    lastTransitionTime: str(raw, "lastTransitionTime"),
    reason: str(raw, "reason"),
    message: str(raw, "message"),
  });
}

/** Parses a JSON array annotation, converting each entry; undefined when absent or malformed. */
function arrayAnnotation<T>(
  text: string | undefined,
  convert: (raw: unknown) => T | undefined,
): T[] | undefined {
  if (text === undefined) return undefined;
  const raw = parseJson(text);
  if (!Array.isArray(raw)) return undefined;
  const out: T[] = [];
  for (const item of raw) {
    const converted = convert(item);
    if (converted === undefined) return undefined;
    out.push(converted);
  }
  return out;
}

/** autoscaling/v2 → autoscaling/v1. */
export function hpaV2ToV1(hpa: v2.HorizontalPodAutoscaler): v1.HorizontalPodAutoscaler {
  const spec = hpa.spec;
  const status = hpa.status;
  const metrics = spec?.metrics ?? [];
  const annotations: Record<string, string> = { ...dropRoundTripAnnotations(hpa.metadata?.annotations) };

  // The first CPU resource metric decides the v1 target, even when it is not a utilization target.
  const cpu = metrics.find((m) => isCpuResource(m.type, m.resource));
  const targetCPU = cpu?.resource?.target.averageUtilization;

  const others = metrics.filter(
    (m) => !(isCpuResource(m.type, m.resource) && m.resource?.target.averageUtilization !== undefined),
  );
  if (others.length > 0) annotations[METRIC_SPECS_ANNOTATION] = JSON.stringify(others.map(metricSpecToV1));

  const currentMetrics = status?.currentMetrics ?? [];
  // Every current metric is kept, the CPU one too: the annotation carries its raw value as well.
  if (currentMetrics.length > 0) {
    annotations[METRIC_STATUSES_ANNOTATION] = JSON.stringify(currentMetrics.map(metricStatusToV1));
  }
  if (spec?.behavior !== undefined && spec.behavior !== null) {
    annotations[BEHAVIOR_ANNOTATION] = encodeBehavior(spec.behavior);
  }
  const conditions = status?.conditions ?? [];
  if (conditions.length > 0)
    annotations[CONDITIONS_ANNOTATION] = JSON.stringify(conditions.map(conditionToV1Text));

  // Kubernetes keeps the last CPU utilization it meets in status.
  let currentCPU: number | undefined;
  for (const m of currentMetrics) {
    if (isCpuResource(m.type, m.resource) && m.resource?.current.averageUtilization !== undefined) {
      currentCPU = m.resource.current.averageUtilization;
    }
  }

  const metadata = metadataWith(hpa.metadata, annotations);
  return compact({
    apiVersion: "autoscaling/v1",
    kind: "HorizontalPodAutoscaler",
    metadata,
    spec: compact({
      scaleTargetRef: spec?.scaleTargetRef ?? { kind: "", name: "" },
      minReplicas: spec?.minReplicas,
      maxReplicas: spec?.maxReplicas ?? 0,
      targetCPUUtilizationPercentage: targetCPU,
    }),
    status: compact({
      observedGeneration: status?.observedGeneration,
      lastScaleTime: status?.lastScaleTime,
      currentReplicas: status?.currentReplicas ?? 0,
      desiredReplicas: status?.desiredReplicas ?? 0,
      currentCPUUtilizationPercentage: currentCPU,
    }),
  }) as v1.HorizontalPodAutoscaler;
}

/** autoscaling/v1 → autoscaling/v2. */
export function hpaV1ToV2(hpa: v1.HorizontalPodAutoscaler): v2.HorizontalPodAutoscaler {
  const spec = hpa.spec;
  const status = hpa.status;
  const source = hpa.metadata?.annotations ?? {};

  let metrics: v2.MetricSpec[] = [];
  if (spec?.targetCPUUtilizationPercentage !== undefined) {
    metrics = [
      {
        type: "Resource",
        resource: {
          name: "cpu",
          target: { type: "Utilization", averageUtilization: spec.targetCPUUtilizationPercentage },
        },
      },
    ];
  }
  const others = arrayAnnotation(source[METRIC_SPECS_ANNOTATION], metricSpecFromV1);
  // The annotation's metrics come first, the CPU target from the v1 field last.
  if (others !== undefined) metrics = [...others, ...metrics];
  if (metrics.length === 0) {
    metrics = [
      {
        type: "Resource",
        resource: {
          name: "cpu",
          target: { type: "Utilization", averageUtilization: DEFAULT_CPU_UTILIZATION },
        },
      },
    ];
  }

  const behaviorText = source[BEHAVIOR_ANNOTATION];
  const behavior = behaviorText === undefined ? undefined : decodeBehavior(behaviorText);

  let currentMetrics: v2.MetricStatus[] | undefined;
  if (status?.currentCPUUtilizationPercentage !== undefined) {
    currentMetrics = [
      {
        type: "Resource",
        resource: { name: "cpu", current: { averageUtilization: status.currentCPUUtilizationPercentage } },
      },
    ];
  }
  // The annotation has more detail than the v1 field, so it wins when present.
  currentMetrics = arrayAnnotation(source[METRIC_STATUSES_ANNOTATION], metricStatusFromV1) ?? currentMetrics;
  const conditions = arrayAnnotation(source[CONDITIONS_ANNOTATION], conditionFromV1);

  const metadata = metadataWith(hpa.metadata, dropRoundTripAnnotations(hpa.metadata?.annotations));
  return compact({
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata,
    spec: compact({
      scaleTargetRef: spec?.scaleTargetRef ?? { kind: "", name: "" },
      minReplicas: spec?.minReplicas,
      maxReplicas: spec?.maxReplicas ?? 0,
      metrics,
      behavior,
    }),
    status: compact({
      observedGeneration: status?.observedGeneration,
      lastScaleTime: status?.lastScaleTime,
      // v2 omits a zero currentReplicas.
      currentReplicas: status?.currentReplicas === 0 ? undefined : status?.currentReplicas,
      desiredReplicas: status?.desiredReplicas ?? 0,
      currentMetrics,
      conditions,
    }),
  }) as v2.HorizontalPodAutoscaler;
}
