// autoscaling/v2 HorizontalPodAutoscaler defaults (SetDefaults_HorizontalPodAutoscaler): one replica at
// least, and CPU at 80 % utilization when no metric is given (what autoscaling/v1 means without a target).
import type { HorizontalPodAutoscaler } from "kubernetes-types/autoscaling/v2.js";
import { deepCopy } from "./copy.js";
import { isNil } from "./unset.js";

export const HPA_CPU_UTILIZATION_DEFAULT = 80;

export function defaultHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): HorizontalPodAutoscaler {
  const out = deepCopy(hpa);
  const spec = out.spec ?? { maxReplicas: 0, scaleTargetRef: { kind: "", name: "" } };
  if (isNil(spec.minReplicas) || spec.minReplicas === 0) spec.minReplicas = 1;
  if ((spec.metrics?.length ?? 0) === 0) {
    spec.metrics = [
      {
        type: "Resource",
        resource: {
          name: "cpu",
          target: { type: "Utilization", averageUtilization: HPA_CPU_UTILIZATION_DEFAULT },
        },
      },
    ];
  }
  out.spec = spec;
  return out;
}
