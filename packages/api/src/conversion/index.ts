// Version conversion (HorizontalPodAutoscaler autoscaling/v1 ⇄ v2; identity otherwise) and the
// autoscaling/v1 Scale view of Deployments and ReplicaSets.
export { convert, type Versioned } from "./convert.js";
export { DEFAULT_CPU_UTILIZATION, hpaV1ToV2, hpaV2ToV1 } from "./hpa.js";
export {
  BEHAVIOR_ANNOTATION,
  CONDITIONS_ANNOTATION,
  dropRoundTripAnnotations,
  METRIC_SPECS_ANNOTATION,
  METRIC_STATUSES_ANNOTATION,
} from "./hpa-annotations.js";
export { applyScale, type Scalable, type Scale, scaleSelector, toScale } from "./scale.js";
