// The annotations through which autoscaling/v1 carries what only v2 can express, so an HPA read and
// written back through v1 keeps its other metrics, behavior and conditions. Kubernetes drops all four on
// every conversion into the hub and sets only the ones it produced on the way out.

export const METRIC_SPECS_ANNOTATION = "autoscaling.alpha.kubernetes.io/metrics";
export const METRIC_STATUSES_ANNOTATION = "autoscaling.alpha.kubernetes.io/current-metrics";
export const CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions";
export const BEHAVIOR_ANNOTATION = "autoscaling.alpha.kubernetes.io/behavior";

const ROUND_TRIP = [
  METRIC_SPECS_ANNOTATION,
  METRIC_STATUSES_ANNOTATION,
  CONDITIONS_ANNOTATION,
  BEHAVIOR_ANNOTATION,
];

/** The annotations without the round-trip ones (a copy; the input is not modified). */
export function dropRoundTripAnnotations(
  annotations: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined {
  if (annotations === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotations)) if (!ROUND_TRIP.includes(k)) out[k] = v;
  return out;
}
