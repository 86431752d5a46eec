import type { Container, Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { validateObject } from "../src/validation/kinds/index.js";
import { causes, lines, pod } from "./validation-kinds-fixtures.js";

const validate = (p: Pod) => lines(validateObject("", "Pod", p));
const container = (p: Pod): Container => {
  const c = p.spec?.containers[0];
  if (c === undefined) throw new Error("no container");
  return c;
};
const LABEL_REGEX =
  "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe("Pod create", () => {
  it("accepts a defaulted minimal pod", () => {
    expect(validate(pod())).toEqual([]);
  });

  it("requires containers", () => {
    expect(
      causes(
        validateObject(
          "",
          "Pod",
          pod((p) => {
            if (p.spec) p.spec.containers = [];
          }),
        ),
      ),
    ).toEqual(["FieldValueRequired/spec.containers/Required value"]);
  });

  it("requires container names as DNS labels, unique across containers and init containers", () => {
    expect(
      validate(
        pod((p) => {
          container(p).name = "App";
        }),
      ),
    ).toEqual([
      `spec.containers[0].name: Invalid value: "App": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character ${LABEL_REGEX}`,
    ]);
    expect(
      validate(
        pod((p) => {
          p.spec?.containers.push({ name: "app", image: "busybox" });
        }),
      ),
    ).toEqual(['spec.containers[1].name: Duplicate value: "app"']);
    expect(
      validate(
        pod((p) => {
          if (p.spec) p.spec.initContainers = [{ name: "app", image: "busybox" }];
        }),
      ),
    ).toEqual(['spec.initContainers[0].name: Duplicate value: "app"']);
    expect(
      validate(
        pod((p) => {
          container(p).name = "";
        }),
      ),
    ).toEqual(["spec.containers[0].name: Required value"]);
  });

  it("requires an image", () => {
    expect(
      validate(
        pod((p) => {
          container(p).image = "";
        }),
      ),
    ).toEqual(["spec.containers[0].image: Required value"]);
  });

  it("refuses whitespace around a pod's image", () => {
    expect(
      validate(
        pod((p) => {
          container(p).image = " nginx";
        }),
      ),
    ).toEqual([
      'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
    ]);
  });

  it("checks container ports", () => {
    expect(
      validate(
        pod((p) => {
          container(p).ports = [
            { containerPort: 0 },
            { containerPort: 70000, hostPort: -1 },
            { containerPort: 80, protocol: "HTTP" },
            { name: "web", containerPort: 81 },
            { name: "web", containerPort: 82 },
            { name: "Web_Port_Name_Too_Long", containerPort: 83 },
          ];
        }),
      ),
    ).toEqual([
      "spec.containers[0].ports[0].containerPort: Required value",
      "spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
      "spec.containers[0].ports[1].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive",
      'spec.containers[0].ports[2].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.containers[0].ports[4].name: Duplicate value: "web"',
      'spec.containers[0].ports[5].name: Invalid value: "Web_Port_Name_Too_Long": must be no more than 15 characters',
      'spec.containers[0].ports[5].name: Invalid value: "Web_Port_Name_Too_Long": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    ]);
  });

  it("refuses host ports used twice", () => {
    expect(
      validate(
        pod((p) => {
          container(p).ports = [{ containerPort: 80, hostPort: 8080 }];
          p.spec?.containers.push({ name: "b", image: "x", ports: [{ containerPort: 81, hostPort: 8080 }] });
        }),
      ),
    ).toEqual(['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
  });

  it("checks environment variable names and sources", () => {
    expect(
      validate(
        pod((p) => {
          container(p).env = [
            { name: "" },
            { name: "A=B" },
            { name: "1_IS_FINE_IN_1_32", value: "x" },
            { name: "FROM", valueFrom: {} },
            { name: "BOTH", value: "x", valueFrom: { secretKeyRef: { name: "s", key: "k" } } },
            { name: "REF", valueFrom: { configMapKeyRef: { name: "cm", key: "" } } },
            { name: "FIELD", valueFrom: { fieldRef: { fieldPath: "spec.foo" } } },
          ];
        }),
      ),
    ).toEqual([
      "spec.containers[0].env[0].name: Required value",
      "spec.containers[0].env[1].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
      'spec.containers[0].env[3].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
      'spec.containers[0].env[4].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
      "spec.containers[0].env[5].valueFrom.configMapKeyRef.key: Required value",
      'spec.containers[0].env[6].valueFrom.fieldRef.fieldPath: Invalid value: "spec.foo": error converting fieldPath: field label not supported: spec.foo',
    ]);
  });

  it("checks envFrom sources", () => {
    expect(
      validate(
        pod((p) => {
          container(p).envFrom = [{ prefix: "P_" }, { configMapRef: { name: "" } }];
        }),
      ),
    ).toEqual([
      'spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`',
      "spec.containers[0].envFrom[1].configMapRef.name: Required value",
    ]);
  });

  it("requires unique volume names and mounts of existing volumes", () => {
    expect(
      validate(
        pod((p) => {
          if (p.spec)
            p.spec.volumes = [
              { name: "data", emptyDir: {} },
              { name: "data", emptyDir: {} },
            ];
          container(p).volumeMounts = [
            { name: "data", mountPath: "/data" },
            { name: "missing", mountPath: "/data" },
            { name: "data", mountPath: "" },
          ];
        }),
      ),
    ).toEqual([
      'spec.volumes[1].name: Duplicate value: "data"',
      // Kubernetes says `Not found: "missing"` (FieldValueNotFound); see missing-error-types.ts.
      'spec.containers[0].volumeMounts[1].name: Invalid value: "missing": not found',
      'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique',
      "spec.containers[0].volumeMounts[2].mountPath: Required value",
    ]);
  });

  it("requires exactly one volume source, each well formed", () => {
    expect(
      validate(
        pod((p) => {
          if (p.spec) {
            p.spec.volumes = [
              { name: "two", emptyDir: {}, hostPath: { path: "/x" } },
              { name: "secret", secret: {} },
              { name: "cm", configMap: { name: "cm", items: [{ key: "k", path: "../x" }] } },
              { name: "Bad_Name", emptyDir: {} },
            ];
          }
        }),
      ),
    ).toEqual([
      "spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type",
      "spec.volumes[1].secret.secretName: Required value",
      "spec.volumes[2].configMap.items[0].path: Invalid value: \"../x\": must not contain '..'",
      `spec.volumes[3].name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character ${LABEL_REGEX}`,
    ]);
  });

  it("restricts restartPolicy and dnsPolicy to the known values", () => {
    expect(
      validate(
        pod((p) => {
          if (p.spec) {
            p.spec.restartPolicy = "Sometimes";
            p.spec.dnsPolicy = "Google";
          }
        }),
      ),
    ).toEqual([
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
  });

  it("requires requests not above limits, with canonical quantities", () => {
    expect(
      validate(
        pod((p) => {
          container(p).resources = {
            requests: { cpu: "1500m", memory: "1Gi" },
            limits: { cpu: "1", memory: "2Gi" },
          };
        }),
      ),
    ).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "1500m": must be less than or equal to cpu limit of 1',
    ]);
  });

  it("refuses negative and unparsable quantities and unknown resource names", () => {
    expect(
      validate(
        pod((p) => {
          container(p).resources = { limits: { cpu: "-1", memory: "lots", gpu: "1" } };
        }),
      ),
    ).toEqual([
      'spec.containers[0].resources.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0',
      'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      "spec.containers[0].resources.limits[memory]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      // Pod defaulting copied the limits into the missing requests, so they are reported there too.
      'spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0',
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      "spec.containers[0].resources.requests[memory]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ]);
  });

  it("requires requests equal to limits for extended resources", () => {
    expect(
      validate(
        pod((p) => {
          container(p).resources = {
            requests: { "example.com/gpu": "1" },
            limits: { "example.com/gpu": "2" },
          };
        }),
      ),
    ).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2',
    ]);
    expect(
      lines(
        validateObject("", "Pod", {
          ...pod(),
          spec: {
            ...pod().spec,
            containers: [{ ...container(pod()), resources: { requests: { "example.com/gpu": "1" } } }],
          },
        }),
      ),
    ).toEqual([
      "spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources",
    ]);
  });

  it("checks activeDeadlineSeconds, nodeName, hostname and serviceAccountName", () => {
    expect(
      validate(
        pod((p) => {
          if (p.spec) {
            p.spec.activeDeadlineSeconds = 0;
            p.spec.nodeName = "Node_1";
            p.spec.hostname = "a.b";
          }
        }),
      ),
    ).toEqual([
      "spec.nodeName: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive",
      'spec.hostname: Invalid value: "a.b": must not contain dots',
    ]);
  });

  it("requires terminationGracePeriodSeconds (defaulted) and accepts a negative one as Kubernetes 1.32 does", () => {
    const p = pod();
    if (p.spec) delete p.spec.terminationGracePeriodSeconds;
    expect(validate(p)).toEqual(["spec.terminationGracePeriodSeconds: Required value"]);
    expect(
      validate(
        pod((q) => {
          if (q.spec) q.spec.terminationGracePeriodSeconds = -5;
        }),
      ),
    ).toEqual([]);
  });

  it("checks tolerations", () => {
    expect(
      validate(
        pod((p) => {
          if (p.spec) {
            p.spec.tolerations = [
              { operator: "Equal", value: "x" },
              { key: "k", operator: "Exists", value: "v" },
              { key: "k", operator: "Equal", effect: "NoSchedule", tolerationSeconds: 5 },
              { key: "k", operator: "Greater" },
              { key: "k", effect: "Sometimes" },
            ];
          }
        }),
      ),
    ).toEqual([
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      "spec.tolerations[1].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
      "spec.tolerations[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
      'spec.tolerations[3].operator: Unsupported value: "Greater": supported values: "Equal", "Exists"',
      'spec.tolerations[4].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
  });

  it("checks probes after their defaults", () => {
    expect(
      validate(
        pod((p) => {
          container(p).livenessProbe = { httpGet: { port: 0 }, successThreshold: 2 };
          container(p).readinessProbe = {};
        }),
      ),
    ).toEqual([
      "spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive",
      "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
      "spec.containers[0].readinessProbe: Required value: must specify a handler type",
    ]);
  });

  it("forbids probes on plain init containers and restartPolicy on regular containers", () => {
    expect(
      validate(
        pod((p) => {
          if (p.spec)
            p.spec.initContainers = [
              { name: "init", image: "x", readinessProbe: { exec: { command: ["true"] } } },
            ];
          container(p).restartPolicy = "Always";
        }),
      ),
    ).toEqual([
      "spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers",
      "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always",
    ]);
  });

  it("requires host ports equal to container ports with host networking", () => {
    expect(
      validate(
        pod((p) => {
          if (p.spec) p.spec.hostNetwork = true;
          container(p).ports = [{ containerPort: 80, hostPort: 81 }];
        }),
      ),
    ).toEqual([
      "spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true",
    ]);
  });

  it("forbids ephemeral containers on create", () => {
    expect(
      validate(
        pod((p) => {
          if (p.spec) p.spec.ephemeralContainers = [{ name: "debug", image: "busybox" }];
        }),
      ),
    ).toContain("spec.ephemeralContainers: Forbidden: cannot be set on create");
  });
});
