import type * as v1 from "kubernetes-types/autoscaling/v1.js";
import type * as v2 from "kubernetes-types/autoscaling/v2.js";
import { describe, expect, test } from "vitest";
import {
  BEHAVIOR_ANNOTATION,
  CONDITIONS_ANNOTATION,
  hpaV1ToV2,
  hpaV2ToV1,
  METRIC_SPECS_ANNOTATION,
  METRIC_STATUSES_ANNOTATION,
} from "../src/conversion/index.js";

const ref = { kind: "Deployment", name: "web", apiVersion: "apps/v1" };

/** What `kubectl autoscale deploy web --min=2 --max=5 --cpu-percent=80` posts (research §3.12). */
const AUTOSCALE: v1.HorizontalPodAutoscaler = {
  apiVersion: "autoscaling/v1",
  kind: "HorizontalPodAutoscaler",
  metadata: { name: "web" },
  spec: { scaleTargetRef: ref, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 80 },
};

const cpu = (averageUtilization: number): v2.MetricSpec => ({
  type: "Resource",
  resource: { name: "cpu", target: { type: "Utilization", averageUtilization } },
});

const OTHERS: v2.MetricSpec[] = [
  { type: "Resource", resource: { name: "memory", target: { type: "AverageValue", averageValue: "100Mi" } } },
  { type: "Pods", pods: { metric: { name: "rps" }, target: { type: "AverageValue", averageValue: "1k" } } },
  {
    type: "Object",
    object: {
      describedObject: { apiVersion: "networking.k8s.io/v1", kind: "Ingress", name: "main" },
      metric: { name: "hits", selector: { matchLabels: { b: "2", a: "1" } } },
      target: { type: "Value", value: "10k" },
    },
  },
  {
    type: "External",
    external: { metric: { name: "queue" }, target: { type: "AverageValue", averageValue: "30" } },
  },
  {
    type: "ContainerResource",
    containerResource: {
      name: "cpu",
      container: "app",
      target: { type: "Utilization", averageUtilization: 60 },
    },
  },
];

function v2Hpa(spec: Partial<v2.HorizontalPodAutoscalerSpec>, status?: v2.HorizontalPodAutoscalerStatus) {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web", namespace: "default", resourceVersion: "7", annotations: { team: "a" } },
    spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 10, ...spec },
    ...(status === undefined ? {} : { status }),
  } as v2.HorizontalPodAutoscaler;
}

describe("autoscaling/v1 → v2", () => {
  test("kubectl autoscale's CPU target becomes a Resource metric", () => {
    expect(hpaV1ToV2(AUTOSCALE)).toEqual({
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "web" },
      spec: { scaleTargetRef: ref, minReplicas: 2, maxReplicas: 5, metrics: [cpu(80)] },
      status: { desiredReplicas: 0 },
    });
  });

  test("no target at all means v1's implicit 80% CPU", () => {
    const { targetCPUUtilizationPercentage: _t, ...spec } = AUTOSCALE.spec!;
    expect(hpaV1ToV2({ ...AUTOSCALE, spec }).spec?.metrics).toEqual([cpu(80)]);
  });

  test("the v1 status CPU utilization becomes a current metric", () => {
    const out = hpaV1ToV2({
      ...AUTOSCALE,
      status: {
        currentReplicas: 3,
        desiredReplicas: 4,
        currentCPUUtilizationPercentage: 55,
        observedGeneration: 2,
      },
    });
    expect(out.status).toEqual({
      observedGeneration: 2,
      currentReplicas: 3,
      desiredReplicas: 4,
      currentMetrics: [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 55 } } }],
    });
  });

  test("annotation metrics come first, the v1 CPU target last; annotations are consumed", () => {
    const metricsText = hpaV2ToV1(v2Hpa({ metrics: OTHERS })).metadata?.annotations?.[
      METRIC_SPECS_ANNOTATION
    ];
    const out = hpaV1ToV2({
      ...AUTOSCALE,
      metadata: { name: "web", annotations: { [METRIC_SPECS_ANNOTATION]: metricsText!, keep: "me" } },
    });
    expect(out.spec?.metrics).toEqual([...OTHERS, cpu(80)]);
    expect(out.metadata?.annotations).toEqual({ keep: "me" });
  });

  test("malformed round-trip annotations are ignored and dropped", () => {
    const { targetCPUUtilizationPercentage: _t, ...spec } = AUTOSCALE.spec!;
    const out = hpaV1ToV2({
      ...AUTOSCALE,
      metadata: {
        name: "web",
        annotations: {
          [METRIC_SPECS_ANNOTATION]: "not json",
          [METRIC_STATUSES_ANNOTATION]: "{}",
          [CONDITIONS_ANNOTATION]: "[1]",
          [BEHAVIOR_ANNOTATION]: "{}",
        },
      },
      spec,
    });
    expect(out.spec?.metrics).toEqual([cpu(80)]);
    expect(out.spec?.behavior).toBeUndefined();
    expect(out.status).toEqual({ desiredReplicas: 0 });
    expect(out.metadata).toEqual({ name: "web" });
  });

  test("a behavior annotation written with Go's field names, in any case, is read back", () => {
    const out = hpaV1ToV2({
      ...AUTOSCALE,
      metadata: {
        name: "web",
        annotations: {
          [BEHAVIOR_ANNOTATION]:
            '{"scaleUp":{"selectPolicy":"Disabled"},"ScaleDown":{"StabilizationWindowSeconds":60,"SelectPolicy":null,"Policies":[{"Type":"Pods","Value":1,"PeriodSeconds":30}]}}',
        },
      },
    });
    expect(out.spec?.behavior).toEqual({
      scaleUp: { selectPolicy: "Disabled" },
      scaleDown: {
        stabilizationWindowSeconds: 60,
        policies: [{ type: "Pods", value: 1, periodSeconds: 30 }],
      },
    });
  });
});

describe("autoscaling/v2 → v1", () => {
  test("the CPU utilization metric becomes targetCPUUtilizationPercentage, others go to the annotation", () => {
    const out = hpaV2ToV1(v2Hpa({ metrics: [cpu(50), ...OTHERS] }));
    expect(out.spec).toEqual({
      scaleTargetRef: ref,
      minReplicas: 1,
      maxReplicas: 10,
      targetCPUUtilizationPercentage: 50,
    });
    expect(out.metadata?.annotations?.[METRIC_SPECS_ANNOTATION]).toBe(
      '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}},' +
        '{"type":"Pods","pods":{"metricName":"rps","targetAverageValue":"1k"}},' +
        '{"type":"Object","object":{"target":{"kind":"Ingress","name":"main","apiVersion":"networking.k8s.io/v1"},"metricName":"hits","targetValue":"10k","selector":{"matchLabels":{"a":"1","b":"2"}}}},' +
        '{"type":"External","external":{"metricName":"queue","targetAverageValue":"30"}},' +
        '{"type":"ContainerResource","containerResource":{"name":"cpu","targetAverageUtilization":60,"container":"app"}}]',
    );
    expect(out.metadata?.annotations?.team).toBe("a");
    expect(out.status).toEqual({ currentReplicas: 0, desiredReplicas: 0 });
  });

  test("a CPU target by average value is not a v1 target and travels in the annotation", () => {
    const byValue: v2.MetricSpec = {
      type: "Resource",
      resource: { name: "cpu", target: { type: "AverageValue", averageValue: "500m" } },
    };
    const out = hpaV2ToV1(v2Hpa({ metrics: [byValue, cpu(70)] }));
    // Kubernetes stops at the first CPU metric, so the later utilization target is not the v1 field.
    expect(out.spec?.targetCPUUtilizationPercentage).toBeUndefined();
    expect(out.metadata?.annotations?.[METRIC_SPECS_ANNOTATION]).toBe(
      '[{"type":"Resource","resource":{"name":"cpu","targetAverageValue":"500m"}}]',
    );
  });

  test("status: CPU utilization, every current metric and the conditions in annotations", () => {
    const out = hpaV2ToV1(
      v2Hpa(
        { metrics: [cpu(50)] },
        {
          currentReplicas: 2,
          desiredReplicas: 2,
          lastScaleTime: "2025-01-01T00:00:00Z",
          currentMetrics: [
            {
              type: "Resource",
              resource: { name: "cpu", current: { averageUtilization: 30, averageValue: "150m" } },
            },
            { type: "Pods", pods: { metric: { name: "rps" }, current: {} } },
          ],
          conditions: [
            {
              type: "AbleToScale",
              status: "True",
              lastTransitionTime: "2025-01-01T00:00:00Z",
              reason: "ReadyForNewScale",
              message: "recommended size matches current size",
            },
            { type: "ScalingActive", status: "False" },
          ],
        },
      ),
    );
    expect(out.status).toEqual({
      lastScaleTime: "2025-01-01T00:00:00Z",
      currentReplicas: 2,
      desiredReplicas: 2,
      currentCPUUtilizationPercentage: 30,
    });
    expect(out.metadata?.annotations).toEqual({
      team: "a",
      [METRIC_STATUSES_ANNOTATION]:
        '[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":30,"currentAverageValue":"150m"}},' +
        '{"type":"Pods","pods":{"metricName":"rps","currentAverageValue":"0"}}]',
      [CONDITIONS_ANNOTATION]:
        '[{"type":"AbleToScale","status":"True","lastTransitionTime":"2025-01-01T00:00:00Z","reason":"ReadyForNewScale","message":"recommended size matches current size"},' +
        '{"type":"ScalingActive","status":"False","lastTransitionTime":null}]',
    });
  });

  test("behavior is written with the internal Go type's field names and nulls", () => {
    const out = hpaV2ToV1(
      v2Hpa({
        metrics: [cpu(50)],
        behavior: {
          scaleDown: {
            stabilizationWindowSeconds: 300,
            policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
          },
        },
      }),
    );
    expect(out.metadata?.annotations?.[BEHAVIOR_ANNOTATION]).toBe(
      '{"ScaleUp":null,"ScaleDown":{"StabilizationWindowSeconds":300,"SelectPolicy":null,"Policies":[{"Type":"Percent","Value":100,"PeriodSeconds":15}]}}',
    );
  });

  test("stale round-trip annotations on the v2 object are replaced by the ones this conversion produces", () => {
    const hpa = v2Hpa({ metrics: [cpu(50)] });
    const stale = {
      ...hpa,
      metadata: {
        ...hpa.metadata,
        annotations: {
          [METRIC_SPECS_ANNOTATION]: "[]",
          [BEHAVIOR_ANNOTATION]: "{}",
          [CONDITIONS_ANNOTATION]: "[]",
        },
      },
    };
    const out = hpaV2ToV1(stale);
    expect(out.metadata).toEqual({ name: "web", namespace: "default", resourceVersion: "7" });
  });
});

describe("round trips", () => {
  test("v2 → v1 → v2 keeps every metric (CPU moves last, as in Kubernetes), behavior, status", () => {
    const original = v2Hpa(
      {
        metrics: [cpu(50), ...OTHERS],
        behavior: {
          scaleUp: { selectPolicy: "Max", policies: [{ type: "Pods", value: 4, periodSeconds: 15 }] },
        },
      },
      {
        observedGeneration: 3,
        currentReplicas: 2,
        desiredReplicas: 3,
        currentMetrics: [
          {
            type: "Resource",
            resource: { name: "cpu", current: { averageUtilization: 30, averageValue: "150m" } },
          },
          {
            type: "External",
            external: {
              metric: { name: "queue", selector: { matchLabels: { q: "x" } } },
              current: { value: "4", averageValue: "2" },
            },
          },
        ],
        conditions: [
          { type: "AbleToScale", status: "True", lastTransitionTime: "2025-01-01T00:00:00Z", reason: "R" },
        ],
      },
    );
    const snapshot = structuredClone(original);
    const back = hpaV1ToV2(hpaV2ToV1(original));
    expect(original).toEqual(snapshot);
    expect(back.metadata).toEqual(original.metadata);
    expect(back.spec).toEqual({ ...original.spec, metrics: [...OTHERS, cpu(50)] });
    expect(back.status).toEqual(original.status);
  });

  test("v1 → v2 → v1 is stable", () => {
    const once = hpaV2ToV1(hpaV1ToV2(AUTOSCALE));
    expect(once).toEqual({ ...AUTOSCALE, status: { currentReplicas: 0, desiredReplicas: 0 } });
  });
});
