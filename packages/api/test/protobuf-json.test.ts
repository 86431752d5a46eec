import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import type { ApiError } from "../src/errors.js";
import { decodeProtobufBody, encodeProtobufBody } from "../src/protobuf/index.js";
import { isInline, specialType } from "../src/protobuf/json-shape.js";
import { k8sSchema, messageType } from "../src/protobuf/schema.js";

// The JSON form of Kubernetes' special protobuf types, checked by encoding an object and decoding it back,
// and where it matters by the bytes themselves.

function roundTrip(
  apiVersion: string,
  kind: string,
  object: Record<string, unknown>,
): Record<string, unknown> {
  const { object: back } = decodeProtobufBody(encodeProtobufBody(apiVersion, kind, object));
  const { apiVersion: _a, kind: _k, ...rest } = back;
  return rest;
}

/** The bytes of one message, without the envelope. */
function raw(fullName: string, plain: Record<string, unknown>): number[] {
  const type = messageType(fullName);
  return [...type.encode(type.fromObject(plain)).finish()];
}

function failure(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    return err as ApiError;
  }
  throw new Error("expected a throw");
}

describe("JSON form of the special types", () => {
  it("meta.v1.Time: RFC 3339 UTC to the second; a zero Time is null; nanos dropped as Kubernetes does", () => {
    const pod = (creationTimestamp: unknown) => roundTrip("v1", "Pod", { metadata: { creationTimestamp } });
    expect(pod("2025-01-01T00:00:00Z")).toEqual({ metadata: { creationTimestamp: "2025-01-01T00:00:00Z" } });
    expect(pod("2025-01-01T02:30:00+02:30")).toEqual({
      metadata: { creationTimestamp: "2025-01-01T00:00:00Z" },
    });
    expect(pod("2025-06-30T23:59:59.999Z")).toEqual({
      metadata: { creationTimestamp: "2025-06-30T23:59:59Z" },
    });
    expect(pod("0001-01-01T00:00:00Z")).toEqual({ metadata: { creationTimestamp: "0001-01-01T00:00:00Z" } });
    expect(pod("1970-01-01T00:00:00Z")).toEqual({ metadata: { creationTimestamp: "1970-01-01T00:00:00Z" } });
    expect(pod(null)).toEqual({ metadata: { creationTimestamp: null } });
    // A null Time is Go's zero Time: the field is present and empty (tag 8, length 0) ...
    expect(raw("k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta", { creationTimestamp: {} })).toEqual([
      0x42, 0x00,
    ]);
    // ... and a set one carries seconds and a zero nanos, as Go's Timestamp marshals.
    expect(raw("k8s.io.apimachinery.pkg.apis.meta.v1.Time", { seconds: 1, nanos: 0 })).toEqual([
      0x08, 0x01, 0x10, 0x00,
    ]);
  });

  it("meta.v1.MicroTime keeps microseconds (Event.eventTime)", () => {
    const event = roundTrip("v1", "Event", {
      eventTime: "2025-01-01T00:00:00.123456789Z",
      series: { count: 2, lastObservedTime: "2025-01-01T00:00:01Z" },
      firstTimestamp: "2025-01-01T00:00:00Z",
    });
    expect(event).toEqual({
      eventTime: "2025-01-01T00:00:00.123456Z",
      series: { count: 2, lastObservedTime: "2025-01-01T00:00:01.000000Z" },
      firstTimestamp: "2025-01-01T00:00:00Z",
    });
  });

  it("IntOrString is a number or a string; Go writes all three fields", () => {
    const svc = roundTrip("v1", "Service", {
      spec: {
        ports: [
          { port: 80, targetPort: 8080 },
          { port: 81, targetPort: "http" },
        ],
      },
    });
    expect(svc).toEqual({
      spec: {
        ports: [
          { port: 80, targetPort: 8080 },
          { port: 81, targetPort: "http" },
        ],
      },
    });
    expect(
      raw("k8s.io.apimachinery.pkg.util.intstr.IntOrString", { type: 0, intVal: 5, strVal: "" }),
    ).toEqual([0x08, 0x00, 0x10, 0x05, 0x1a, 0x00]);
  });

  it("Quantity is its string; a JSON number quantity becomes its text", () => {
    const pod = roundTrip("v1", "Pod", {
      spec: {
        containers: [
          { name: "c", resources: { limits: { cpu: "250m", memory: 1024 }, requests: { cpu: "0.1" } } },
        ],
      },
    });
    expect(pod).toEqual({
      spec: {
        containers: [
          { name: "c", resources: { limits: { cpu: "250m", memory: "1024" }, requests: { cpu: "0.1" } } },
        ],
      },
    });
  });

  it("bytes are base64 (Secret.data, ConfigMap.binaryData); string maps stay strings", () => {
    const data = { "b.bin": Buffer.from([0, 1, 2, 255]).toString("base64") };
    expect(roundTrip("v1", "Secret", { data, stringData: { plain: "text" } })).toEqual({
      data,
      stringData: { plain: "text" },
    });
    expect(roundTrip("v1", "ConfigMap", { binaryData: data })).toEqual({ binaryData: data });
  });

  it("FieldsV1 (managedFields) is embedded JSON", () => {
    const managedFields = [
      {
        manager: "kubectl",
        operation: "Apply",
        apiVersion: "v1",
        time: "2025-01-01T00:00:00Z",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:metadata": { "f:labels": { "f:app": {} } } },
      },
    ];
    expect(roundTrip("v1", "ConfigMap", { metadata: { managedFields } })).toEqual({
      metadata: { managedFields },
    });
  });

  it("ExtraValue maps are maps of string arrays (SelfSubjectReview, CSR)", () => {
    const userInfo = { username: "alice", groups: ["dev"], extra: { scopes: ["a", "b"] } };
    expect(roundTrip("authentication.k8s.io/v1", "SelfSubjectReview", { status: { userInfo } })).toEqual({
      status: { userInfo },
    });
    expect(
      roundTrip("certificates.k8s.io/v1", "CertificateSigningRequest", { spec: { extra: { k: ["v"] } } }),
    ).toEqual({
      spec: { extra: { k: ["v"] } },
    });
  });

  it("inline structs: volume sources, probe handlers, env sources, PV sources, ephemeral containers, ingress rules", () => {
    const spec = {
      volumes: [
        { name: "cfg", configMap: { name: "app-config", items: [{ key: "a", path: "a.txt" }] } },
        { name: "tmp", emptyDir: { sizeLimit: "1Gi" } },
      ],
      containers: [
        {
          name: "c",
          envFrom: [{ configMapRef: { name: "env" } }, { secretRef: { name: "sec", optional: true } }],
          env: [{ name: "P", valueFrom: { secretKeyRef: { name: "sec", key: "p" } } }],
          livenessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 5 },
          readinessProbe: { exec: { command: ["true"] } },
        },
      ],
      ephemeralContainers: [{ name: "dbg", image: "busybox", stdin: true, targetContainerName: "c" }],
    };
    expect(roundTrip("v1", "Pod", { spec })).toEqual({ spec });
    const pv = {
      spec: { capacity: { storage: "1Gi" }, hostPath: { path: "/data" }, accessModes: ["ReadWriteOnce"] },
    };
    expect(roundTrip("v1", "PersistentVolume", pv)).toEqual(pv);
    const ing = {
      spec: { rules: [{ host: "a.com", http: { paths: [{ path: "/", pathType: "Prefix" }] } }] },
    };
    expect(roundTrip("networking.k8s.io/v1", "Ingress", ing)).toEqual(ing);
  });

  it("BoundObjectReference's proto field uID is JSON uid (TokenRequest)", () => {
    const spec = {
      audiences: ["api"],
      boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "p", uid: "123" },
    };
    expect(roundTrip("authentication.k8s.io/v1", "TokenRequest", { spec })).toEqual({ spec });
  });

  it("autoscaling/v2 HPA with metrics, behavior and quantities", () => {
    const spec = {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      minReplicas: 1,
      maxReplicas: 4,
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } },
        },
        {
          type: "Pods",
          pods: { metric: { name: "qps" }, target: { type: "AverageValue", averageValue: "10k" } },
        },
      ],
      behavior: {
        scaleDown: {
          stabilizationWindowSeconds: 300,
          policies: [{ type: "Percent", value: 50, periodSeconds: 60 }],
        },
      },
    };
    expect(roundTrip("autoscaling/v2", "HorizontalPodAutoscaler", { spec })).toEqual({ spec });
  });

  it("absent fields stay absent; empty lists and maps are not written (Go never writes them)", () => {
    expect(
      roundTrip("v1", "Pod", { metadata: { labels: {}, finalizers: [] }, spec: { containers: null } }),
    ).toEqual({
      metadata: {},
      spec: {},
    });
  });

  it("int64 fields are numbers; repeated scalars are unpacked, as Go's proto2 code writes them", () => {
    const pod = {
      spec: { activeDeadlineSeconds: 2 ** 40, securityContext: { supplementalGroups: [1, 2], runAsUser: 0 } },
    };
    expect(roundTrip("v1", "Pod", pod)).toEqual(pod);
    expect(raw("k8s.io.api.core.v1.PodSecurityContext", { supplementalGroups: [1, 2] })).toEqual([
      0x20, 0x01, 0x20, 0x02,
    ]);
  });

  it("map entries are written sorted by key, as Go writes them", () => {
    const a = encodeProtobufBody("v1", "ConfigMap", { data: { b: "2", a: "1" } });
    const b = encodeProtobufBody("v1", "ConfigMap", { data: { a: "1", b: "2" } });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe("encoding refuses what it cannot represent", () => {
  it("an unknown field, a wrong type, a bad time, an unknown kind (500: the caller's object is wrong)", () => {
    const unknownField = failure(() =>
      encodeProtobufBody("v1", "Pod", { spec: { containers: [{ name: "c", bogus: 1 }] } }),
    );
    expect(unknownField.code).toBe(500);
    expect(unknownField.message).toContain(
      "spec.containers[0].bogus: no such field in k8s.io.api.core.v1.Container",
    );
    expect(failure(() => encodeProtobufBody("v1", "Pod", { metadata: { name: 5 } })).message).toContain(
      "metadata.name: expected a string",
    );
    expect(
      failure(() => encodeProtobufBody("v1", "Pod", { metadata: { creationTimestamp: "yesterday" } }))
        .message,
    ).toContain('metadata.creationTimestamp: "yesterday" is not an RFC 3339 time');
    expect(failure(() => encodeProtobufBody("v1", "Widget", {})).message).toContain(
      'no protobuf schema for Widget in version "v1"',
    );
  });
});

describe("the schema and the JSON-shape tables agree", () => {
  function allTypes(ns: protobuf.NamespaceBase): protobuf.Type[] {
    return ns.nestedArray.flatMap((n) =>
      n instanceof protobuf.Type ? [n, ...allTypes(n)] : n instanceof protobuf.Namespace ? allTypes(n) : [],
    );
  }

  it("every inline entry names a real message field (no typos)", () => {
    const inline = allTypes(k8sSchema()).flatMap((t) =>
      t.fieldsArray.filter((f) => isInline(t.fullName, f.name)).map((f) => `${t.name}.${f.name}`),
    );
    expect(inline.sort()).toEqual([
      "ConfigMapEnvSource.localObjectReference",
      "ConfigMapKeySelector.localObjectReference",
      "ConfigMapProjection.localObjectReference",
      "ConfigMapVolumeSource.localObjectReference",
      "EphemeralContainer.ephemeralContainerCommon",
      "IngressRule.ingressRuleValue",
      "PersistentVolumeSpec.persistentVolumeSource",
      "Probe.handler",
      "SecretEnvSource.localObjectReference",
      "SecretKeySelector.localObjectReference",
      "SecretProjection.localObjectReference",
      "Volume.volumeSource",
    ]);
  });

  it("every ExtraValue message is read as a string list; no proto enums exist", () => {
    const types = allTypes(k8sSchema());
    const extra = types.filter((t) => t.name === "ExtraValue");
    expect(extra.length).toBeGreaterThanOrEqual(2);
    for (const t of extra) expect(specialType(t.fullName)).toBe("stringList");
    const enums = types.flatMap((t) => t.fieldsArray.filter((f) => f.resolvedType instanceof protobuf.Enum));
    expect(enums).toEqual([]);
  });
});
