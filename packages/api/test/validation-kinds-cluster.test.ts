import { describe, expect, it } from "vitest";
import { defaultNamespace } from "../src/defaults/index.js";
import { validateObject, validateStatusUpdate, validateUpdate } from "../src/validation/kinds/index.js";
import { lines, stored } from "./validation-kinds-fixtures.js";

describe("Namespace", () => {
  it("uses DNS labels and checks spec.finalizers", () => {
    expect(
      lines(validateObject("", "Namespace", defaultNamespace({ metadata: { name: "team-a" } }))),
    ).toEqual([]);
    expect(
      lines(validateObject("", "Namespace", defaultNamespace({ metadata: { name: "team.a" } }))),
    ).toContain('metadata.name: Invalid value: "team.a": must not contain dots');
    expect(
      lines(
        validateObject("", "Namespace", {
          metadata: { name: "a" },
          spec: { finalizers: ["kubernetes", "custom"] },
        }),
      ),
    ).toEqual([
      'spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it("ties the status phase to the deletion timestamp", () => {
    const old = stored(defaultNamespace({ metadata: { name: "a" } }));
    expect(
      lines(validateStatusUpdate("", "Namespace", { ...old, status: { phase: "Terminating" } }, old)),
    ).toEqual([
      "status.Phase: Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty",
    ]);
  });
});

describe("Node", () => {
  const node = (spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}) => ({
    metadata: { name: "node-1" },
    spec,
    status,
  });

  it("accepts a node with pod CIDRs and capacity", () => {
    expect(
      lines(
        validateObject(
          "",
          "Node",
          node(
            { podCIDR: "10.244.1.0/24", podCIDRs: ["10.244.1.0/24"] },
            { capacity: { cpu: "4", pods: "110" } },
          ),
        ),
      ),
    ).toEqual([]);
  });

  it("checks pod CIDRs", () => {
    expect(lines(validateObject("", "Node", node({ podCIDR: "10.244.1.0" })))).toEqual([
      'spec.podCIDRs[0]: Invalid value: "10.244.1.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
    expect(lines(validateObject("", "Node", node({ podCIDRs: ["10.244.1.0/24", "10.244.2.0/24"] })))).toEqual(
      [
        'spec.podCIDRs: Invalid value: ["10.244.1.0/24","10.244.2.0/24"]: may specify no more than one CIDR for each IP family',
      ],
    );
  });

  it("checks taints (reported under metadata.taints, as upstream does) and capacity", () => {
    expect(
      lines(
        validateObject(
          "",
          "Node",
          node(
            {
              taints: [
                { key: "k", effect: "" },
                { key: "k", effect: "NoSchedule" },
                { key: "k", effect: "NoSchedule" },
              ],
            },
            { capacity: { pods: "1.5" } },
          ),
        ),
      ),
    ).toEqual([
      "metadata.taints[0].effect: Required value",
      'metadata.taints[2]: Duplicate value: {"key":"k","effect":"NoSchedule"}: taints must be unique by key and effect pair',
      'status.capacity.pods: Invalid value: "1500m": must be an integer',
    ]);
  });

  it("lets pod CIDRs and provider ID only go from unset to set", () => {
    const old = stored(node({ podCIDR: "10.244.1.0/24", providerID: "cloud://1" }));
    expect(
      lines(
        validateUpdate(
          "",
          "Node",
          { ...old, spec: { podCIDR: "10.244.2.0/24", providerID: "cloud://2" } },
          old,
        ),
      ),
    ).toEqual([
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
      'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
    ]);
    const fresh = stored(node());
    expect(
      lines(validateUpdate("", "Node", { ...fresh, spec: { podCIDR: "10.244.3.0/24" } }, fresh)),
    ).toEqual([]);
  });
});

describe("PersistentVolume", () => {
  const pv = (spec: Record<string, unknown>) => ({ metadata: { name: "pv-1" }, spec });
  const good = { capacity: { storage: "10Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: "/data" } };

  it("accepts a host-path volume", () => {
    expect(lines(validateObject("", "PersistentVolume", pv(good)))).toEqual([]);
  });

  it("requires access modes, storage capacity and one source", () => {
    expect(lines(validateObject("", "PersistentVolume", pv({})))).toEqual([
      "spec.accessModes: Required value",
      "spec.capacity: Required value",
      'spec.capacity: Unsupported value: {}: supported values: "storage"',
      "spec: Required value: must specify a volume type",
    ]);
    expect(
      lines(
        validateObject(
          "",
          "PersistentVolume",
          pv({
            ...good,
            accessModes: ["ReadWriteOncePod", "ReadWriteMany", "Sometimes"],
            nfs: { server: "s", path: "/x" },
          }),
        ),
      ),
    ).toEqual([
      'spec.accessModes: Unsupported value: "Sometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      "spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes",
      "spec.nfs: Forbidden: may not specify more than 1 volume type",
    ]);
    expect(
      lines(validateObject("", "PersistentVolume", pv({ ...good, capacity: { storage: "0" } }))),
    ).toEqual(['spec.capacity[storage]: Invalid value: "0": must be greater than zero']);
  });

  it("keeps the volume source after creation", () => {
    const old = stored(pv(good));
    const errs = lines(
      validateUpdate(
        "",
        "PersistentVolume",
        { ...old, spec: { ...good, hostPath: { path: "/other" } } },
        old,
      ),
    );
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^spec\.persistentvolumesource: Forbidden: spec\.persistentvolumesource is immutable after creation\n/,
    );
  });
});

describe("PersistentVolumeClaim", () => {
  const pvc = (spec: Record<string, unknown>, status?: Record<string, unknown>) => ({
    metadata: { name: "data", namespace: "default" },
    spec,
    ...(status ? { status } : {}),
  });
  const good = { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } };

  it("requires access modes and a positive storage request", () => {
    expect(lines(validateObject("", "PersistentVolumeClaim", pvc(good)))).toEqual([]);
    expect(lines(validateObject("", "PersistentVolumeClaim", pvc({})))).toEqual([
      "spec.accessModes: Required value: at least 1 access mode is required",
      "spec.resources[storage]: Required value",
    ]);
    expect(
      lines(
        validateObject(
          "",
          "PersistentVolumeClaim",
          pvc({ ...good, resources: { requests: { storage: "0" } } }),
        ),
      ),
    ).toEqual(['spec.resources[storage]: Invalid value: "0": must be greater than zero']);
  });

  it("keeps the spec except binding and a bound claim's size", () => {
    const old = stored(pvc(good));
    expect(
      lines(
        validateUpdate("", "PersistentVolumeClaim", { ...old, spec: { ...good, volumeName: "pv-1" } }, old),
      ),
    ).toEqual([]);
    const changed = lines(
      validateUpdate(
        "",
        "PersistentVolumeClaim",
        { ...old, spec: { ...good, accessModes: ["ReadWriteMany"] } },
        old,
      ),
    );
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(
      /^spec: Forbidden: spec is immutable after creation except resources\.requests and volumeAttributesClassName for bound claims\n/,
    );
    const bound = stored(pvc(good, { phase: "Bound", capacity: { storage: "1Gi" } }));
    const grown = { ...bound, spec: { ...good, resources: { requests: { storage: "2Gi" } } } };
    expect(lines(validateUpdate("", "PersistentVolumeClaim", grown, bound))).toEqual([]);
  });
});

describe("StorageClass", () => {
  const sc = (fields: Record<string, unknown>) => ({ metadata: { name: "fast" }, ...fields });

  it("requires a provisioner and keeps provisioner, parameters and reclaim policy", () => {
    expect(
      lines(validateObject("storage.k8s.io", "StorageClass", sc({ provisioner: "example.com/disk" }))),
    ).toEqual([]);
    expect(lines(validateObject("storage.k8s.io", "StorageClass", sc({})))).toEqual([
      "provisioner: Required value",
    ]);
    expect(
      lines(
        validateObject("storage.k8s.io", "StorageClass", sc({ provisioner: "x", reclaimPolicy: "Recycle" })),
      ),
    ).toEqual(['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"']);
    const old = stored(sc({ provisioner: "example.com/disk", parameters: { type: "ssd" } }));
    const next = {
      ...old,
      provisioner: "example.com/other",
      parameters: { type: "hdd" },
      reclaimPolicy: "Retain",
    };
    expect(lines(validateUpdate("storage.k8s.io", "StorageClass", next, old))).toEqual([
      "parameters: Forbidden: updates to parameters are forbidden.",
      "provisioner: Forbidden: updates to provisioner are forbidden.",
      "reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.",
    ]);
  });
});
