import type {
  MetricIdentifier,
  MetricSpec,
  MetricStatus,
  MetricTarget,
  MetricValueStatus,
} from "kubernetes-types/autoscaling/v2.js";
import type { LabelSelector } from "kubernetes-types/meta/v1.js";
import { compact, field, isObject, type JsonObject, num, str } from "./json-shape.js";

// The autoscaling/v1 shapes of metrics, as stored in the round-trip annotations (the v2beta1-style
// MetricSpec and MetricStatus the v1 Go package keeps for this purpose), and their conversion to and from
// the v2 shapes. Field order follows the Go structs and required quantities are written even when zero
// ("0"), so the annotation text matches what a Kubernetes API server writes.

interface CrossVersionObjectReference {
  readonly kind: string;
  readonly name: string;
  readonly apiVersion?: string;
}

export interface V1MetricSpec {
  readonly type: string;
  readonly object?: {
    readonly target: CrossVersionObjectReference;
    readonly metricName: string;
    readonly targetValue: string;
    readonly selector?: LabelSelector;
    readonly averageValue?: string;
  };
  readonly pods?: {
    readonly metricName: string;
    readonly targetAverageValue: string;
    readonly selector?: LabelSelector;
  };
  readonly resource?: {
    readonly name: string;
    readonly targetAverageUtilization?: number;
    readonly targetAverageValue?: string;
  };
  readonly containerResource?: {
    readonly name: string;
    readonly targetAverageUtilization?: number;
    readonly targetAverageValue?: string;
    readonly container: string;
  };
  readonly external?: {
    readonly metricName: string;
    readonly metricSelector?: LabelSelector;
    readonly targetValue?: string;
    readonly targetAverageValue?: string;
  };
}

export interface V1MetricStatus {
  readonly type: string;
  readonly object?: {
    readonly target: CrossVersionObjectReference;
    readonly metricName: string;
    readonly currentValue: string;
    readonly selector?: LabelSelector;
    readonly averageValue?: string;
  };
  readonly pods?: {
    readonly metricName: string;
    readonly currentAverageValue: string;
    readonly selector?: LabelSelector;
  };
  readonly resource?: {
    readonly name: string;
    readonly currentAverageUtilization?: number;
    readonly currentAverageValue: string;
  };
  readonly containerResource?: {
    readonly name: string;
    readonly currentAverageUtilization?: number;
    readonly currentAverageValue: string;
    readonly container: string;
  };
  readonly external?: {
    readonly metricName: string;
    readonly metricSelector?: LabelSelector;
    readonly currentValue: string;
    readonly currentAverageValue?: string;
  };
}

/** A Go zero resource.Quantity serializes as "0". */
const ZERO = "0";

/** A label selector as Go writes it: matchLabels keys sorted, empty parts omitted. */
function goSelector(sel: LabelSelector | undefined): LabelSelector | undefined {
  if (sel === undefined || sel === null) return undefined;
  const labels = sel.matchLabels ?? {};
  const keys = Object.keys(labels).sort();
  return compact({
    matchLabels: keys.length === 0 ? undefined : Object.fromEntries(keys.map((k) => [k, labels[k]!])),
    matchExpressions: (sel.matchExpressions ?? []).length === 0 ? undefined : sel.matchExpressions,
  });
}

function ref(o: { kind: string; name: string; apiVersion?: string }): CrossVersionObjectReference {
  return compact({ kind: o.kind, name: o.name, apiVersion: o.apiVersion === "" ? undefined : o.apiVersion });
}

function identifier(name: string | undefined, selector: LabelSelector | undefined): MetricIdentifier {
  return compact({ name: name ?? "", selector: selector ?? undefined });
}

// ---- v2 → v1 ----

export function metricSpecToV1(m: MetricSpec): V1MetricSpec {
  const o = m.object;
  const p = m.pods;
  const r = m.resource;
  const c = m.containerResource;
  const e = m.external;
  return compact({
    type: m.type,
    object:
      o === undefined
        ? undefined
        : compact({
            target: ref(o.describedObject),
            metricName: o.metric.name,
            targetValue: o.target.value ?? ZERO,
            selector: goSelector(o.metric.selector),
            averageValue: o.target.averageValue,
          }),
    pods:
      p === undefined
        ? undefined
        : compact({
            metricName: p.metric.name,
            targetAverageValue: p.target.averageValue ?? ZERO,
            selector: goSelector(p.metric.selector),
          }),
    resource:
      r === undefined
        ? undefined
        : compact({
            name: r.name,
            targetAverageUtilization: r.target.averageUtilization,
            targetAverageValue: r.target.averageValue,
          }),
    containerResource:
      c === undefined
        ? undefined
        : compact({
            name: c.name,
            targetAverageUtilization: c.target.averageUtilization,
            targetAverageValue: c.target.averageValue,
            container: c.container,
          }),
    external:
      e === undefined
        ? undefined
        : compact({
            metricName: e.metric.name,
            metricSelector: goSelector(e.metric.selector),
            targetValue: e.target.value,
            targetAverageValue: e.target.averageValue,
          }),
  });
}

export function metricStatusToV1(m: MetricStatus): V1MetricStatus {
  const o = m.object;
  const p = m.pods;
  const r = m.resource;
  const c = m.containerResource;
  const e = m.external;
  return compact({
    type: m.type,
    object:
      o === undefined
        ? undefined
        : compact({
            target: ref(o.describedObject),
            metricName: o.metric.name,
            currentValue: o.current.value ?? ZERO,
            selector: goSelector(o.metric.selector),
            averageValue: o.current.averageValue,
          }),
    pods:
      p === undefined
        ? undefined
        : compact({
            metricName: p.metric.name,
            currentAverageValue: p.current.averageValue ?? ZERO,
            selector: goSelector(p.metric.selector),
          }),
    resource:
      r === undefined
        ? undefined
        : compact({
            name: r.name,
            currentAverageUtilization: r.current.averageUtilization,
            currentAverageValue: r.current.averageValue ?? ZERO,
          }),
    containerResource:
      c === undefined
        ? undefined
        : compact({
            name: c.name,
            currentAverageUtilization: c.current.averageUtilization,
            currentAverageValue: c.current.averageValue ?? ZERO,
            container: c.container,
          }),
    external:
      e === undefined
        ? undefined
        : compact({
            metricName: e.metric.name,
            metricSelector: goSelector(e.metric.selector),
            currentValue: e.current.value ?? ZERO,
            currentAverageValue: e.current.averageValue,
          }),
  });
}

// ---- v1 → v2 (from annotation JSON, so every member is checked before use) ----

function sub(obj: JsonObject, name: string): JsonObject | undefined {
  const v = field(obj, name);
  return isObject(v) ? v : undefined;
}

function selectorOf(obj: JsonObject, name: string): LabelSelector | undefined {
  const v = field(obj, name);
  return isObject(v) ? (v as LabelSelector) : undefined;
}

function refOf(obj: JsonObject | undefined): { kind: string; name: string; apiVersion?: string } {
  return compact({
    kind: obj === undefined ? "" : (str(obj, "kind") ?? ""),
    name: obj === undefined ? "" : (str(obj, "name") ?? ""),
    apiVersion: obj === undefined ? undefined : str(obj, "apiVersion"),
  });
}

/** A v1 target quantity: Go decodes a missing non-pointer quantity as zero. */
function quantity(obj: JsonObject, name: string): string {
  return str(obj, name) ?? ZERO;
}

function resourceTarget(r: JsonObject): MetricTarget {
  const utilization = num(r, "targetAverageUtilization");
  return compact({
    type: utilization === undefined ? "AverageValue" : "Utilization",
    averageValue: str(r, "targetAverageValue"),
    averageUtilization: utilization,
  });
}

/** One metric of the annotation in v2 form, or undefined when the entry is not an object. */
export function metricSpecFromV1(raw: unknown): MetricSpec | undefined {
  if (!isObject(raw)) return undefined;
  const type = str(raw, "type") ?? "";
  const o = sub(raw, "object");
  const p = sub(raw, "pods");
  const r = sub(raw, "resource");
  const c = sub(raw, "containerResource");
  const e = sub(raw, "external");
  return compact({
    type,
    object:
      o === undefined
        ? undefined
        : {
            describedObject: refOf(sub(o, "target")),
            target: compact({
              type: str(o, "averageValue") === undefined ? "Value" : "AverageValue",
              value: quantity(o, "targetValue"),
              averageValue: str(o, "averageValue"),
            }),
            metric: identifier(str(o, "metricName"), selectorOf(o, "selector")),
          },
    pods:
      p === undefined
        ? undefined
        : {
            metric: identifier(str(p, "metricName"), selectorOf(p, "selector")),
            target: { type: "AverageValue", averageValue: quantity(p, "targetAverageValue") },
          },
    resource: r === undefined ? undefined : { name: str(r, "name") ?? "", target: resourceTarget(r) },
    containerResource:
      c === undefined
        ? undefined
        : { name: str(c, "name") ?? "", target: resourceTarget(c), container: str(c, "container") ?? "" },
    external:
      e === undefined
        ? undefined
        : {
            metric: identifier(str(e, "metricName"), selectorOf(e, "metricSelector")),
            target: compact({
              type: str(e, "targetValue") === undefined ? "AverageValue" : "Value",
              value: str(e, "targetValue"),
              averageValue: str(e, "targetAverageValue"),
            }),
          },
  });
}

function resourceCurrent(r: JsonObject): MetricValueStatus {
  return compact({
    averageValue: quantity(r, "currentAverageValue"),
    averageUtilization: num(r, "currentAverageUtilization"),
  });
}

export function metricStatusFromV1(raw: unknown): MetricStatus | undefined {
  if (!isObject(raw)) return undefined;
  const o = sub(raw, "object");
  const p = sub(raw, "pods");
  const r = sub(raw, "resource");
  const c = sub(raw, "containerResource");
  const e = sub(raw, "external");
  return compact({
    type: str(raw, "type") ?? "",
    object:
      o === undefined
        ? undefined
        : {
            metric: identifier(str(o, "metricName"), selectorOf(o, "selector")),
            current: compact({ value: quantity(o, "currentValue"), averageValue: str(o, "averageValue") }),
            describedObject: refOf(sub(o, "target")),
          },
    pods:
      p === undefined
        ? undefined
        : {
            metric: identifier(str(p, "metricName"), selectorOf(p, "selector")),
            current: { averageValue: quantity(p, "currentAverageValue") },
          },
    resource: r === undefined ? undefined : { name: str(r, "name") ?? "", current: resourceCurrent(r) },
    containerResource:
      c === undefined
        ? undefined
        : { name: str(c, "name") ?? "", current: resourceCurrent(c), container: str(c, "container") ?? "" },
    external:
      e === undefined
        ? undefined
        : {
            metric: identifier(str(e, "metricName"), selectorOf(e, "metricSelector")),
            current: compact({
              value: quantity(e, "currentValue"),
              averageValue: str(e, "currentAverageValue"),
            }),
          },
  });
}
