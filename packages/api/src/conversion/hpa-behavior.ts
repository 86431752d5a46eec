import type {
  HorizontalPodAutoscalerBehavior,
  HPAScalingPolicy,
  HPAScalingRules,
} from "kubernetes-types/autoscaling/v2.js";
import { compact, field, isObject, type JsonObject, num, parseJson, str } from "./json-shape.js";

// spec.behavior through autoscaling/v1. Kubernetes marshals its *internal* Go type into the annotation,
// which has no JSON tags: field names are Go's ("ScaleUp", "StabilizationWindowSeconds"), unset pointers
// are written as null, and Go reads them back case-insensitively. Reproduced so annotations written by
// either server read back in the other.

function policyText(p: HPAScalingPolicy): Record<string, unknown> {
  return { Type: p.type, Value: p.value, PeriodSeconds: p.periodSeconds };
}

function rulesText(r: HPAScalingRules | undefined): Record<string, unknown> | null {
  if (r === undefined || r === null) return null;
  return {
    StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null,
    SelectPolicy: r.selectPolicy ?? null,
    Policies: r.policies === undefined || r.policies === null ? null : r.policies.map(policyText),
  };
}

/** The annotation text of a behavior. */
export function encodeBehavior(b: HorizontalPodAutoscalerBehavior): string {
  return JSON.stringify({ ScaleUp: rulesText(b.scaleUp), ScaleDown: rulesText(b.scaleDown) });
}

function policyOf(raw: unknown): HPAScalingPolicy | undefined {
  if (!isObject(raw)) return undefined;
  return {
    type: str(raw, "Type") ?? "",
    value: num(raw, "Value") ?? 0,
    periodSeconds: num(raw, "PeriodSeconds") ?? 0,
  };
}

function rulesOf(raw: unknown): HPAScalingRules | undefined {
  if (!isObject(raw)) return undefined;
  const policies = field(raw, "Policies");
  return compact({
    stabilizationWindowSeconds: num(raw, "StabilizationWindowSeconds"),
    selectPolicy: str(raw, "SelectPolicy"),
    policies: Array.isArray(policies)
      ? policies.map(policyOf).filter((p): p is HPAScalingPolicy => p !== undefined)
      : undefined,
  });
}

/**
 * The behavior an annotation holds, or undefined when it is malformed or sets neither direction
 * (Kubernetes only moves well-formed, non-empty data from annotations to fields).
 */
export function decodeBehavior(text: string): HorizontalPodAutoscalerBehavior | undefined {
  const raw = parseJson(text);
  if (!isObject(raw)) return undefined;
  const obj: JsonObject = raw;
  const scaleUp = rulesOf(field(obj, "ScaleUp"));
  const scaleDown = rulesOf(field(obj, "ScaleDown"));
  if (scaleUp === undefined && scaleDown === undefined) return undefined;
  return compact({ scaleUp, scaleDown });
}
