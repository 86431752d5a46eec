import type { Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { validateStatusUpdate, validateUpdate } from "../src/validation/kinds/index.js";
import { lines, storedPod } from "./validation-kinds-fixtures.js";

const update = (next: Pod, old: Pod) => lines(validateUpdate("", "Pod", next, old));
const status = (next: Pod, old: Pod) => lines(validateStatusUpdate("", "Pod", next, old));
const PREFIX =
  "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n";

describe("Pod update", () => {
  it("allows changing a container image", () => {
    const next = storedPod((p) => {
      const c = p.spec?.containers[0];
      if (c) c.image = "nginx:1.26";
    });
    expect(update(next, storedPod())).toEqual([]);
  });

  it("refuses other spec changes with the upstream message and a diff", () => {
    const next = storedPod((p) => {
      if (p.spec) p.spec.restartPolicy = "Never";
    });
    const errs = update(next, storedPod());
    expect(errs).toHaveLength(1);
    expect(errs[0]?.startsWith(PREFIX)).toBe(true);
    expect(errs[0]).toContain('- spec.restartPolicy: "Always"');
    expect(errs[0]).toContain('+ spec.restartPolicy: "Never"');
  });

  it("refuses adding or removing containers and stops there", () => {
    const next = storedPod((p) => {
      p.spec?.containers.push({ name: "b", image: "busybox" });
    });
    expect(update(next, storedPod())).toEqual([
      "spec.containers: Forbidden: pod updates may not add or remove containers",
    ]);
  });

  it("lets activeDeadlineSeconds be set or lowered, never raised or removed", () => {
    const withDeadline = (n: number | undefined) =>
      storedPod((p) => {
        if (p.spec && n !== undefined) p.spec.activeDeadlineSeconds = n;
      });
    expect(update(withDeadline(30), withDeadline(undefined))).toEqual([]);
    expect(update(withDeadline(20), withDeadline(30))).toEqual([]);
    expect(update(withDeadline(40), withDeadline(30))).toEqual([
      "spec.activeDeadlineSeconds: Invalid value: 40: must be less than or equal to previous value",
    ]);
    expect(update(withDeadline(undefined), withDeadline(30))).toEqual([
      "spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value",
    ]);
  });

  it("lets tolerations be added but not changed", () => {
    const t = { key: "k", operator: "Exists", effect: "NoExecute" };
    const old = storedPod((p) => {
      if (p.spec) p.spec.tolerations = [t];
    });
    const added = storedPod((p) => {
      if (p.spec)
        p.spec.tolerations = [
          { ...t, tolerationSeconds: 30 },
          { key: "other", operator: "Exists" },
        ];
    });
    expect(update(added, old)).toEqual([]);
    const changed = storedPod((p) => {
      if (p.spec) p.spec.tolerations = [{ ...t, key: "changed" }];
    });
    expect(update(changed, old)).toEqual([
      "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds",
    ]);
  });

  it("lets scheduling gates be removed but not added", () => {
    const gated = storedPod((p) => {
      if (p.spec) p.spec.schedulingGates = [{ name: "example.com/a" }];
    });
    expect(update(storedPod(), gated)).toEqual([]);
    const more = storedPod((p) => {
      if (p.spec) p.spec.schedulingGates = [{ name: "example.com/a" }, { name: "example.com/b" }];
    });
    expect(update(more, gated)).toEqual([
      "spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/b'",
    ]);
  });

  it("treats protobuf zero values as unset when comparing specs", () => {
    const next = storedPod((p) => {
      if (p.spec) {
        p.spec.hostname = "";
        p.spec.hostNetwork = false;
        p.spec.initContainers = [];
      }
    });
    expect(update(next, storedPod())).toEqual([]);
  });
});

describe("Pod status update", () => {
  it("accepts a typical kubelet status", () => {
    const old = storedPod();
    const next = {
      ...old,
      status: {
        phase: "Running",
        podIP: "10.0.0.5",
        podIPs: [{ ip: "10.0.0.5" }],
        hostIP: "192.168.1.2",
        hostIPs: [{ ip: "192.168.1.2" }],
      },
    };
    expect(status(next, old)).toEqual([]);
  });

  it("checks pod IPs and the host IP", () => {
    const old = storedPod();
    const next = {
      ...old,
      status: {
        podIPs: [{ ip: "10.0.0.5" }, { ip: "10.0.0.6" }, { ip: "nope" }],
        hostIP: "192.168.1.2",
        hostIPs: [{ ip: "192.168.1.3" }],
      },
    };
    expect(status(next, old)).toEqual([
      'status.podIPs[2]: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'status.hostIPs[0].ip: Invalid value: "192.168.1.3": must be equal to `hostIP`',
    ]);
  });

  it("keeps the node binding and QoS class", () => {
    const old = { ...storedPod(), status: { qosClass: "BestEffort" } };
    const next = storedPod((p) => {
      if (p.spec) p.spec.nodeName = "node-2";
    });
    expect(status({ ...next, status: { qosClass: "Burstable" } }, old)).toEqual([
      "status.nodeName: Forbidden: may not be changed directly",
      'status.qosClass: Invalid value: "Burstable": field is immutable',
    ]);
  });

  it("keeps terminated containers of a never-restarting pod terminated", () => {
    const base = storedPod((p) => {
      if (p.spec) p.spec.restartPolicy = "Never";
    });
    const old = {
      ...base,
      status: { containerStatuses: [{ name: "app", state: { terminated: { exitCode: 0 } } }] },
    };
    const next = { ...base, status: { containerStatuses: [{ name: "app", state: { running: {} } }] } };
    expect(status(next as Pod, old as Pod)).toEqual([
      "status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state",
    ]);
  });
});
