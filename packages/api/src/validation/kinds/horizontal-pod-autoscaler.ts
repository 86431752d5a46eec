// autoscaling HorizontalPodAutoscaler in its v2 shape (the stored version): replica bounds, a scale
// target, well-formed metrics and scaling behavior. Scale-to-zero (an alpha feature) is off, so
// minReplicas must be at least 1 unless an existing object already has 0.
import type {
  HorizontalPodAutoscalerSpec,
  HPAScalingPolicy,
  HPAScalingRules,
  MetricSpec,
  MetricTarget,
} from "kubernetes-types/autoscaling/v2.js";
import { type FieldError, forbidden, invalid, notSupported, required } from "../field-error.js";
import { type FieldPath, root } from "../field-path.js";
import { isDns1123Label, isValidPathSegmentName, nameIsDnsSubdomain } from "../names.js";
import { validateNonnegative } from "../numbers.js";
import { Quantity } from "../quantity.js";
import type { KindValidator } from "./kind-validator.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { fieldAs, isObj, list, num, objectAs, present, ptr, str } from "./read.js";
import { validateContainerResourceName } from "./resource-names.js";
import { readQuantity } from "./resources.js";

const SPEC = root("spec");
const HPA_META = { namespaced: true, nameRule: nameIsDnsSubdomain, kubeFinalizers: true } as const;
const METRIC_TYPES = ["ContainerResource", "External", "Object", "Pods", "Resource"];
const METRIC_FIELDS: Readonly<Record<string, string>> = {
  Object: "object",
  Pods: "pods",
  Resource: "resource",
  External: "external",
  ContainerResource: "containerResource",
};
const SELECT_POLICIES = ["Disabled", "Max", "Min"];
const POLICY_TYPES = ["Percent", "Pods"];
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;

function specOf(obj: unknown): HorizontalPodAutoscalerSpec {
  return fieldAs<HorizontalPodAutoscalerSpec>(obj, "spec");
}

/** ValidateCrossVersionObjectReference: kind and name are required and fit in a URL path. */
function validateReference(ref: unknown, path: FieldPath): FieldError[] {
  const r = isObj(ref) ? ref : {};
  const errs: FieldError[] = [];
  for (const field of ["kind", "name"] as const) {
    const value = str(r[field]);
    if (value === "") errs.push(required(path.child(field)));
    else errs.push(...isValidPathSegmentName(value).map((msg) => invalid(path.child(field), value, msg)));
  }
  return errs;
}

function validateMetricName(id: unknown, path: FieldPath): FieldError[] {
  const name = isObj(id) ? str(id.name) : "";
  if (name === "") return [required(path.child("name"), "must specify a metric name")];
  return isValidPathSegmentName(name).map((msg) => invalid(path.child("name"), name, msg));
}

function positive(value: unknown, path: FieldPath): FieldError[] {
  if (value === undefined || value === null) return [];
  const q = readQuantity(value, path);
  if (!(q instanceof Quantity)) return [q];
  return q.sign() !== 1 ? [invalid(path, q.toString(), "must be positive")] : [];
}

function validateTarget(target: MetricTarget | undefined, path: FieldPath): FieldError[] {
  const t = objectAs<MetricTarget>(target);
  const errs: FieldError[] = [];
  const type = str(t.type);
  if (type === "") errs.push(required(path.child("type"), "must specify a metric target type"));
  if (type !== "Utilization" && type !== "Value" && type !== "AverageValue") {
    errs.push(invalid(path.child("type"), type, "must be either Utilization, Value, or AverageValue"));
  }
  errs.push(...positive(t.value, path.child("value")));
  errs.push(...positive(t.averageValue, path.child("averageValue")));
  const utilization = ptr(t.averageUtilization);
  if (utilization !== undefined && utilization < 1) {
    errs.push(invalid(path.child("averageUtilization"), utilization, "must be greater than 0"));
  }
  return errs;
}

function has(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function validateSource(kind: string, src: Record<string, unknown>, path: FieldPath): FieldError[] {
  const target = objectAs<MetricTarget>(src.target);
  const targetPath = path.child("target");
  switch (kind) {
    case "object": {
      const errs = [
        ...validateReference(src.describedObject, path.child("describedObject")),
        ...validateMetricName(src.metric, path.child("metric")),
        ...validateTarget(target, targetPath),
      ];
      if (!has(target.value) && !has(target.averageValue)) {
        errs.push(
          required(targetPath.child("averageValue"), "must set either a target value or averageValue"),
        );
      }
      return errs;
    }
    case "external": {
      const errs = [
        ...validateMetricName(src.metric, path.child("metric")),
        ...validateTarget(target, targetPath),
      ];
      if (!has(target.value) && !has(target.averageValue)) {
        errs.push(
          required(
            targetPath.child("averageValue"),
            "must set either a target value for metric or a per-pod target",
          ),
        );
      }
      if (has(target.value) && has(target.averageValue)) {
        errs.push(
          forbidden(
            targetPath.child("value"),
            "may not set both a target value for metric and a per-pod target",
          ),
        );
      }
      return errs;
    }
    case "pods": {
      const errs = [
        ...validateMetricName(src.metric, path.child("metric")),
        ...validateTarget(target, targetPath),
      ];
      if (!has(target.averageValue)) {
        errs.push(required(targetPath.child("averageValue"), "must specify a positive target averageValue"));
      }
      return errs;
    }
    default: {
      // resource and containerResource
      const errs: FieldError[] = [];
      const name = str(src.name);
      if (name === "") errs.push(required(path.child("name"), "must specify a resource name"));
      else if (kind === "containerResource")
        errs.push(...validateContainerResourceName(name, path.child("name")));
      if (kind === "containerResource") {
        const container = str(src.container);
        if (container === "") errs.push(required(path.child("container"), "must specify a container"));
        else
          errs.push(
            ...isDns1123Label(container).map((msg) => invalid(path.child("container"), container, msg)),
          );
      }
      errs.push(...validateTarget(target, targetPath));
      if (!has(target.averageUtilization) && !has(target.averageValue)) {
        errs.push(
          required(
            targetPath.child("averageUtilization"),
            "must set either a target raw value or a target utilization",
          ),
        );
      }
      if (has(target.averageUtilization) && has(target.averageValue)) {
        errs.push(
          forbidden(
            targetPath.child("averageValue"),
            "may not set both a target raw value and a target utilization",
          ),
        );
      }
      return errs;
    }
  }
}

function validateMetric(metric: MetricSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(metric.type);
  if (type === "") errs.push(required(path.child("type"), "must specify a metric source type"));
  if (!METRIC_TYPES.includes(type)) errs.push(notSupported(path.child("type"), type, METRIC_TYPES));
  const m = metric as unknown as Record<string, unknown>;
  const present: string[] = [];
  for (const field of ["object", "external", "pods", "resource", "containerResource"]) {
    const src = m[field];
    if (!isObj(src)) continue;
    present.push(field);
    if (present.length === 1) errs.push(...validateSource(field, src, path.child(field)));
  }
  const expected = METRIC_FIELDS[type];
  if (expected === undefined) {
    errs.push(notSupported(path.child("type"), type, METRIC_TYPES));
  } else if (!present.includes(expected)) {
    errs.push(required(path.child(expected), "must populate information for the given metric source"));
  }
  if (present.length !== 1) {
    for (const field of present.filter((f) => f !== expected)) {
      errs.push(forbidden(path.child(field), "must populate the given metric source only"));
    }
  }
  return errs;
}

function validatePolicy(policy: HPAScalingPolicy, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(policy.type);
  if (!POLICY_TYPES.includes(type)) errs.push(notSupported(path.child("type"), type, POLICY_TYPES));
  const value = num(policy.value);
  if (value <= 0) errs.push(invalid(path.child("value"), value, "must be greater than zero"));
  const period = num(policy.periodSeconds);
  if (period <= 0) errs.push(invalid(path.child("periodSeconds"), period, "must be greater than zero"));
  if (period > MAX_PERIOD_SECONDS) {
    errs.push(
      invalid(path.child("periodSeconds"), period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`),
    );
  }
  return errs;
}

/**
 * Scaling rules. Kubernetes defaults missing policies before validating, so an empty policy list never
 * reaches its "must specify at least one Policy" check; without HPA defaulting here it is not made either.
 */
function validateRules(rules: HPAScalingRules | undefined | null, path: FieldPath): FieldError[] {
  if (!present(rules)) return [];
  const errs: FieldError[] = [];
  const window = ptr(rules.stabilizationWindowSeconds);
  if (window !== undefined && window < 0) {
    errs.push(
      invalid(path.child("stabilizationWindowSeconds"), window, "must be greater than or equal to zero"),
    );
  }
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(
      invalid(
        path.child("stabilizationWindowSeconds"),
        window,
        `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`,
      ),
    );
  }
  const select = ptr(rules.selectPolicy);
  if (select !== undefined && !SELECT_POLICIES.includes(select)) {
    errs.push(notSupported(path.child("selectPolicy"), select, SELECT_POLICIES));
  }
  list<HPAScalingPolicy>(rules.policies).forEach((p, i) => {
    errs.push(...validatePolicy(p, path.child("policies").index(i)));
  });
  return errs;
}

function validateSpec(spec: HorizontalPodAutoscalerSpec, minLowerBound: number): FieldError[] {
  const errs: FieldError[] = [];
  const min = ptr(spec.minReplicas);
  const max = num(spec.maxReplicas);
  if (min !== undefined && min < minLowerBound) {
    errs.push(invalid(SPEC.child("minReplicas"), min, `must be greater than or equal to ${minLowerBound}`));
  }
  if (max < 1) errs.push(invalid(SPEC.child("maxReplicas"), max, "must be greater than 0"));
  if (min !== undefined && max < min) {
    errs.push(invalid(SPEC.child("maxReplicas"), max, "must be greater than or equal to `minReplicas`"));
  }
  errs.push(...validateReference(spec.scaleTargetRef, SPEC.child("scaleTargetRef")));
  const metrics = list<MetricSpec>(spec.metrics);
  metrics.forEach((m, i) => {
    errs.push(...validateMetric(m, SPEC.child("metrics").index(i)));
  });
  if (min === 0 && !metrics.some((m) => m.type === "Object" || m.type === "External")) {
    errs.push(
      forbidden(
        SPEC.child("metrics"),
        "must specify at least one Object or External metric to support scaling to zero replicas",
      ),
    );
  }
  if (present(spec.behavior)) {
    errs.push(...validateRules(spec.behavior.scaleUp, SPEC.child("behavior").child("scaleUp")));
    errs.push(...validateRules(spec.behavior.scaleDown, SPEC.child("behavior").child("scaleDown")));
  }
  return errs;
}

export const horizontalPodAutoscalerValidator: KindValidator = {
  namespaced: true,
  create: (obj) => [...validateObjectMeta(metaOf(obj), HPA_META), ...validateSpec(specOf(obj), 1)],
  update: (obj, old) => [
    ...validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
    // An autoscaler already at minReplicas 0 may keep it.
    ...validateSpec(specOf(obj), ptr(specOf(old).minReplicas) === 0 ? 0 : 1),
  ],
  status: (obj, old) => {
    const status = isObj(obj) && isObj(obj.status) ? obj.status : {};
    return [
      ...validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
      ...validateNonnegative(num(status.currentReplicas), root("status", "currentReplicas")),
      ...validateNonnegative(num(status.desiredReplicas), root("status", "desiredReplicas")),
    ];
  },
};
