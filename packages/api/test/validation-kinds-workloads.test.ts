import type { DaemonSet, ReplicaSet } from "kubernetes-types/apps/v1.js";
import { describe, expect, it } from "vitest";
import { defaultDaemonSet, defaultReplicaSet } from "../src/defaults/index.js";
import { validateObject, validateStatusUpdate, validateUpdate } from "../src/validation/kinds/index.js";
import { deployment, lines, stored } from "./validation-kinds-fixtures.js";

const MISMATCH = "`selector` does not match template `labels`";

function daemonSet(patch: (d: DaemonSet) => void = () => {}): DaemonSet {
  const d: DaemonSet = {
    metadata: { name: "agent", namespace: "kube-system" },
    spec: {
      selector: { matchLabels: { app: "agent" } },
      template: {
        metadata: { labels: { app: "agent" } },
        spec: { containers: [{ name: "a", image: "agent:1" }] },
      },
    },
  };
  patch(d);
  return defaultDaemonSet(d);
}

function replicaSet(patch: (r: ReplicaSet) => void = () => {}): ReplicaSet {
  const r: ReplicaSet = {
    metadata: { name: "web-abc", namespace: "default" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "a", image: "nginx" }] },
      },
    },
  };
  patch(r);
  return defaultReplicaSet(r);
}

describe("Deployment", () => {
  const validate = (d: unknown) => lines(validateObject("apps", "Deployment", d));

  it("accepts a defaulted deployment", () => {
    expect(validate(deployment())).toEqual([]);
  });

  it("refuses negative replicas with the message kubectl shows", () => {
    expect(
      validate(
        deployment((d) => {
          if (d.spec) d.spec.replicas = -1;
        }),
      ),
    ).toEqual(["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]);
  });

  it("requires a selector, which an absent one never matches", () => {
    expect(
      validate(
        deployment((d) => {
          if (d.spec) delete (d.spec as { selector?: unknown }).selector;
        }),
      ),
    ).toEqual([
      "spec.selector: Required value",
      `spec.template.metadata.labels: Invalid value: {"app":"web"}: ${MISMATCH}`,
    ]);
  });

  it("refuses an empty selector and one that does not match the template", () => {
    expect(
      validate(
        deployment((d) => {
          if (d.spec) d.spec.selector = {};
        }),
      ),
    ).toEqual(["spec.selector: Invalid value: {}: empty selector is invalid for deployment"]);
    expect(
      validate(
        deployment((d) => {
          if (d.spec) d.spec.selector = { matchLabels: { app: "other" } };
        }),
      ),
    ).toEqual([`spec.template.metadata.labels: Invalid value: {"app":"web"}: ${MISMATCH}`]);
  });

  it("checks selector expressions", () => {
    expect(
      validate(
        deployment((d) => {
          if (d.spec) {
            d.spec.selector = {
              matchExpressions: [
                { key: "app", operator: "In", values: [] },
                { key: "tier", operator: "Exists", values: ["x"] },
                { key: "app", operator: "Like" },
              ],
            };
          }
        }),
      ),
    ).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Like": not a valid selector operator',
      'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"In","values":[]},{"key":"tier","operator":"Exists","values":["x"]},{"key":"app","operator":"Like"}]}: invalid label selector',
    ]);
  });

  it("requires restartPolicy Always and no activeDeadlineSeconds in the template", () => {
    expect(
      validate(
        deployment((d) => {
          const spec = d.spec?.template?.spec;
          if (spec) {
            spec.restartPolicy = "OnFailure";
            spec.activeDeadlineSeconds = 10;
          }
        }),
      ),
    ).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in Deployment is not Supported",
    ]);
  });

  it("validates the pod template under spec.template", () => {
    expect(
      validate(
        deployment((d) => {
          const c = d.spec?.template?.spec?.containers[0];
          if (c) c.image = "";
        }),
      ),
    ).toEqual(["spec.template.spec.containers[0].image: Required value"]);
  });

  it("checks the strategy", () => {
    expect(
      validate(
        deployment((d) => {
          if (d.spec)
            d.spec.strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } };
        }),
      ),
    ).toEqual([
      "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0",
    ]);
    expect(
      validate(
        deployment((d) => {
          if (d.spec)
            d.spec.strategy = {
              type: "RollingUpdate",
              rollingUpdate: { maxSurge: "x", maxUnavailable: "150%" },
            };
        }),
      ),
    ).toEqual([
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"x\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
    ]);
    expect(
      validate(
        deployment((d) => {
          if (d.spec) d.spec.strategy = { type: "Recreate", rollingUpdate: { maxSurge: 1 } };
        }),
      ),
    ).toEqual([
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
    expect(
      validate(
        deployment((d) => {
          if (d.spec) d.spec.strategy = { type: "BlueGreen" };
        }),
      ),
    ).toEqual([
      'spec.strategy: Unsupported value: {"type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate"',
    ]);
  });

  it("checks revisionHistoryLimit, minReadySeconds and progressDeadlineSeconds", () => {
    expect(
      validate(
        deployment((d) => {
          if (d.spec) {
            d.spec.revisionHistoryLimit = -1;
            d.spec.minReadySeconds = 30;
            d.spec.progressDeadlineSeconds = 30;
          }
        }),
      ),
    ).toEqual([
      "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
      "spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds",
    ]);
  });

  it("keeps the selector on update (apps/v1)", () => {
    const old = stored(deployment());
    const next = stored(
      deployment((d) => {
        if (d.spec) {
          d.spec.selector = { matchLabels: { app: "web", tier: "fe" } };
          if (d.spec.template.metadata) d.spec.template.metadata.labels = { app: "web", tier: "fe" };
        }
      }),
    );
    expect(lines(validateUpdate("apps", "Deployment", next, old))).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"fe"}}: field is immutable',
    ]);
    const scaled = stored(
      deployment((d) => {
        if (d.spec) d.spec.replicas = 5;
      }),
    );
    expect(lines(validateUpdate("apps", "Deployment", scaled, old))).toEqual([]);
  });

  it("checks status counters on status updates", () => {
    const old = stored(deployment());
    const next = {
      ...old,
      status: { replicas: 2, readyReplicas: 3, availableReplicas: 3, updatedReplicas: -1 },
    };
    expect(lines(validateStatusUpdate("apps", "Deployment", next, old))).toEqual([
      "status.updatedReplicas: Invalid value: -1: must be greater than or equal to 0",
      "status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas",
      "status.availableReplicas: Invalid value: 3: cannot be greater than status.replicas",
    ]);
  });
});

describe("ReplicaSet", () => {
  it("accepts a defaulted ReplicaSet and shares the deployment rules", () => {
    expect(lines(validateObject("apps", "ReplicaSet", replicaSet()))).toEqual([]);
    expect(
      lines(
        validateObject(
          "apps",
          "ReplicaSet",
          replicaSet((r) => {
            if (r.spec) {
              r.spec.replicas = -2;
              r.spec.minReadySeconds = -1;
              r.spec.selector = {};
            }
          }),
        ),
      ),
    ).toEqual([
      "spec.replicas: Invalid value: -2: must be greater than or equal to 0",
      "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
      "spec.selector: Invalid value: {}: empty selector is invalid for deployment",
    ]);
  });

  it("keeps the selector on update and checks status", () => {
    const old = stored(replicaSet());
    const next = stored(
      replicaSet((r) => {
        if (r.spec) r.spec.selector = { matchLabels: { app: "web", x: "y" } };
      }),
    );
    expect(lines(validateUpdate("apps", "ReplicaSet", next, old))).toContain(
      'spec.selector: Invalid value: {"matchLabels":{"app":"web","x":"y"}}: field is immutable',
    );
    const status = {
      ...old,
      status: { replicas: 1, fullyLabeledReplicas: 2, readyReplicas: 1, availableReplicas: 1 },
    };
    expect(lines(validateStatusUpdate("apps", "ReplicaSet", status, old))).toEqual([
      "status.fullyLabeledReplicas: Invalid value: 2: cannot be greater than status.replicas",
    ]);
  });
});

describe("DaemonSet", () => {
  const validate = (d: unknown) => lines(validateObject("apps", "DaemonSet", d));

  it("accepts a defaulted DaemonSet", () => {
    expect(validate(daemonSet())).toEqual([]);
  });

  it("reports only the template mismatch for a missing selector, as upstream does", () => {
    expect(
      validate(
        daemonSet((d) => {
          if (d.spec) delete (d.spec as { selector?: unknown }).selector;
        }),
      ),
    ).toEqual([`spec.template.metadata.labels: Invalid value: {"app":"agent"}: ${MISMATCH}`]);
    expect(
      validate(
        daemonSet((d) => {
          if (d.spec) d.spec.selector = {};
        }),
      ),
    ).toEqual(["spec.selector: Invalid value: {}: empty selector is invalid for daemonset"]);
  });

  it("accepts RollingUpdate and OnDelete only, with exactly one of maxSurge and maxUnavailable", () => {
    expect(
      validate(
        daemonSet((d) => {
          if (d.spec) d.spec.updateStrategy = { type: "Recreate" };
        }),
      ),
    ).toEqual([
      'spec.updateStrategy: Unsupported value: {"type":"Recreate"}: supported values: "RollingUpdate", "OnDelete"',
    ]);
    expect(
      validate(
        daemonSet((d) => {
          if (d.spec)
            d.spec.updateStrategy = {
              type: "RollingUpdate",
              rollingUpdate: { maxSurge: 0, maxUnavailable: 0 },
            };
        }),
      ),
    ).toEqual([
      "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
    ]);
    expect(
      validate(
        daemonSet((d) => {
          if (d.spec)
            d.spec.updateStrategy = {
              type: "RollingUpdate",
              rollingUpdate: { maxSurge: 1, maxUnavailable: 1 },
            };
        }),
      ),
    ).toEqual([
      "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero",
    ]);
    expect(
      validate(
        daemonSet((d) => {
          if (d.spec) d.spec.updateStrategy = { type: "OnDelete" };
        }),
      ),
    ).toEqual([]);
  });

  it("keeps the selector on update and checks status", () => {
    const old = stored(daemonSet());
    const next = stored(
      daemonSet((d) => {
        if (d.spec) d.spec.selector = { matchLabels: { app: "agent", v: "2" } };
      }),
    );
    expect(lines(validateUpdate("apps", "DaemonSet", next, old))).toContain(
      'spec.selector: Invalid value: {"matchLabels":{"app":"agent","v":"2"}}: field is immutable',
    );
    const status = {
      ...old,
      status: {
        numberReady: -1,
        currentNumberScheduled: 0,
        desiredNumberScheduled: 0,
        numberMisscheduled: 0,
      },
    };
    expect(lines(validateStatusUpdate("apps", "DaemonSet", status, old))).toEqual([
      "status.numberReady: Invalid value: -1: must be greater than or equal to 0",
    ]);
  });
});
