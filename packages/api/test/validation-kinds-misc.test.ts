import { describe, expect, it } from "vitest";
import {
  validatedKinds,
  validateObject,
  validateStatusUpdate,
  validateUpdate,
} from "../src/validation/kinds/index.js";
import { lines, stored } from "./validation-kinds-fixtures.js";

describe("dispatch", () => {
  it("covers every kind of the brief", () => {
    expect(
      validatedKinds()
        .map((k) => `${k.group}/${k.kind}`)
        .sort(),
    ).toEqual([
      "/ConfigMap",
      "/Endpoints",
      "/Event",
      "/Namespace",
      "/Node",
      "/PersistentVolume",
      "/PersistentVolumeClaim",
      "/Pod",
      "/Secret",
      "/Service",
      "apps/DaemonSet",
      "apps/Deployment",
      "apps/ReplicaSet",
      "autoscaling/HorizontalPodAutoscaler",
      "autoscaling/Scale",
      "certificates.k8s.io/CertificateSigningRequest",
      "coordination.k8s.io/Lease",
      "discovery.k8s.io/EndpointSlice",
      "storage.k8s.io/StorageClass",
    ]);
  });
});

describe("Endpoints", () => {
  const ep = (subsets: unknown[]) => ({ metadata: { name: "web", namespace: "default" }, subsets });

  it("requires addresses, routable IPs and named ports when several", () => {
    expect(
      lines(
        validateObject(
          "",
          "Endpoints",
          ep([{ addresses: [{ ip: "10.0.0.1" }], ports: [{ port: 80, protocol: "TCP" }] }]),
        ),
      ),
    ).toEqual([]);
    expect(
      lines(
        validateObject(
          "",
          "Endpoints",
          ep([
            { ports: [{ port: 80, protocol: "TCP" }] },
            {
              addresses: [{ ip: "127.0.0.1" }],
              ports: [
                { port: 80, protocol: "TCP" },
                { name: "b", port: 81, protocol: "TCP" },
              ],
            },
          ]),
        ),
      ),
    ).toEqual([
      "subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`",
      'subsets[1].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      "subsets[1].ports[0].name: Required value",
    ]);
  });
});

describe("Event", () => {
  const event = (fields: Record<string, unknown>) => ({
    metadata: { name: "web.17a2", namespace: "default" },
    involvedObject: { kind: "Pod", name: "web", namespace: "default" },
    reason: "Started",
    ...fields,
  });

  it("requires the involved object's namespace to match", () => {
    expect(lines(validateObject("", "Event", event({})))).toEqual([]);
    expect(
      lines(
        validateObject(
          "",
          "Event",
          event({ involvedObject: { kind: "Pod", name: "web", namespace: "other" } }),
        ),
      ),
    ).toEqual(['involvedObject.namespace: Invalid value: "other": does not match event.namespace']);
  });

  it("requires reporting fields on events with an eventTime", () => {
    expect(
      lines(validateObject("", "Event", event({ eventTime: "2024-01-01T00:00:00.000000Z", reason: "" }))),
    ).toEqual([
      "reportingController: Required value",
      // Upstream also runs the qualified-name check on the empty controller name.
      'reportingController: Invalid value: "": name part must be non-empty',
      "reportingController: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      "reportingInstance: Required value",
      "action: Required value",
      "reason: Required value",
    ]);
  });

  it("checks only what fits in a URL path of its name", () => {
    expect(
      lines(validateObject("", "Event", event({ metadata: { name: "Odd_But_Fine", namespace: "default" } }))),
    ).toEqual([]);
    expect(
      lines(validateObject("", "Event", event({ metadata: { name: "a/b", namespace: "default" } }))),
    ).toEqual(["metadata.name: Invalid value: \"a/b\": may not contain '/'"]);
  });
});

describe("HorizontalPodAutoscaler (v2)", () => {
  const hpa = (spec: Record<string, unknown>) => ({
    metadata: { name: "web", namespace: "default" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      maxReplicas: 5,
      ...spec,
    },
  });
  const cpu = (target: Record<string, unknown>) => ({ type: "Resource", resource: { name: "cpu", target } });

  it("accepts what kubectl autoscale creates", () => {
    expect(
      lines(
        validateObject(
          "autoscaling",
          "HorizontalPodAutoscaler",
          hpa({ minReplicas: 2, metrics: [cpu({ type: "Utilization", averageUtilization: 80 })] }),
        ),
      ),
    ).toEqual([]);
  });

  it("checks replica bounds and the target reference", () => {
    expect(
      lines(
        validateObject(
          "autoscaling",
          "HorizontalPodAutoscaler",
          hpa({ minReplicas: 0, maxReplicas: 0, scaleTargetRef: { kind: "", name: "a/b" } }),
        ),
      ),
    ).toEqual([
      "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
      "spec.maxReplicas: Invalid value: 0: must be greater than 0",
      "spec.scaleTargetRef.kind: Required value",
      "spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'",
      "spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas",
    ]);
    expect(lines(validateObject("autoscaling", "HorizontalPodAutoscaler", hpa({ minReplicas: 6 })))).toEqual([
      "spec.maxReplicas: Invalid value: 5: must be greater than or equal to `minReplicas`",
    ]);
  });

  it("checks metric types and targets", () => {
    expect(
      lines(
        validateObject(
          "autoscaling",
          "HorizontalPodAutoscaler",
          hpa({
            metrics: [
              { type: "Magic" },
              { type: "Resource" },
              cpu({ type: "Percent", averageUtilization: 0 }),
              { type: "Resource", resource: { name: "cpu", target: { type: "Utilization" } }, pods: {} },
            ],
          }),
        ),
      ),
    ).toEqual([
      'spec.metrics[0].type: Unsupported value: "Magic": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
      'spec.metrics[0].type: Unsupported value: "Magic": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
      "spec.metrics[1].resource: Required value: must populate information for the given metric source",
      'spec.metrics[2].resource.target.type: Invalid value: "Percent": must be either Utilization, Value, or AverageValue',
      "spec.metrics[2].resource.target.averageUtilization: Invalid value: 0: must be greater than 0",
      "spec.metrics[3].pods.metric.name: Required value: must specify a metric name",
      "spec.metrics[3].pods.target.type: Required value: must specify a metric target type",
      'spec.metrics[3].pods.target.type: Invalid value: "": must be either Utilization, Value, or AverageValue',
      "spec.metrics[3].pods.target.averageValue: Required value: must specify a positive target averageValue",
      "spec.metrics[3].pods: Forbidden: must populate the given metric source only",
    ]);
  });

  it("checks status counters", () => {
    const old = stored(hpa({}));
    expect(
      lines(
        validateStatusUpdate(
          "autoscaling",
          "HorizontalPodAutoscaler",
          { ...old, status: { currentReplicas: -1, desiredReplicas: 2 } },
          old,
        ),
      ),
    ).toEqual(["status.currentReplicas: Invalid value: -1: must be greater than or equal to 0"]);
  });
});

describe("Scale", () => {
  it("requires non-negative replicas", () => {
    const scale = (replicas: number) => ({
      metadata: { name: "web", namespace: "default", resourceVersion: "3" },
      spec: { replicas },
    });
    expect(lines(validateObject("autoscaling", "Scale", scale(3)))).toEqual([]);
    expect(lines(validateUpdate("autoscaling", "Scale", scale(-1), scale(3)))).toEqual([
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
    ]);
  });
});

describe("EndpointSlice", () => {
  const slice = (fields: Record<string, unknown>) => ({
    metadata: { name: "web-abc", namespace: "default" },
    addressType: "IPv4",
    endpoints: [{ addresses: ["10.0.0.1"] }],
    ports: [{ name: "http", port: 80, protocol: "TCP" }],
    ...fields,
  });

  it("checks the address type and the addresses", () => {
    expect(lines(validateObject("discovery.k8s.io", "EndpointSlice", slice({})))).toEqual([]);
    expect(lines(validateObject("discovery.k8s.io", "EndpointSlice", slice({ addressType: "IP" })))).toEqual([
      'addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"',
    ]);
    expect(
      lines(
        validateObject(
          "discovery.k8s.io",
          "EndpointSlice",
          slice({ endpoints: [{ addresses: [] }, { addresses: ["fd00::1", "127.0.0.1"] }] }),
        ),
      ),
    ).toEqual([
      "endpoints[0].addresses: Required value: must contain at least 1 address",
      'endpoints[1].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address',
      'endpoints[1].addresses[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ]);
  });

  it("checks ports and keeps the address type", () => {
    expect(
      lines(
        validateObject(
          "discovery.k8s.io",
          "EndpointSlice",
          slice({
            ports: [
              { name: "a", protocol: "TCP" },
              { name: "a", protocol: "ICMP" },
            ],
          }),
        ),
      ),
    ).toEqual([
      'ports[1].name: Duplicate value: "a"',
      'ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    ]);
    const old = stored(slice({}));
    expect(
      lines(
        validateUpdate(
          "discovery.k8s.io",
          "EndpointSlice",
          { ...old, addressType: "IPv6", endpoints: [] },
          old,
        ),
      ),
    ).toEqual(['addressType: Invalid value: "IPv6": field is immutable']);
  });
});

describe("Lease", () => {
  const lease = (spec: Record<string, unknown>) => ({
    metadata: { name: "node-1", namespace: "kube-node-lease" },
    spec,
  });

  it("requires a positive duration and non-negative transitions", () => {
    expect(
      lines(
        validateObject(
          "coordination.k8s.io",
          "Lease",
          lease({ holderIdentity: "node-1", leaseDurationSeconds: 40 }),
        ),
      ),
    ).toEqual([]);
    expect(
      lines(
        validateObject(
          "coordination.k8s.io",
          "Lease",
          lease({ leaseDurationSeconds: 0, leaseTransitions: -1 }),
        ),
      ),
    ).toEqual([
      "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
      "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0",
    ]);
    expect(lines(validateObject("coordination.k8s.io", "Lease", lease({ preferredHolder: "x" })))).toEqual([
      "spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined",
    ]);
  });
});
