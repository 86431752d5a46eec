import { describe, expect, it } from "vitest";
import { ApiError } from "../src/errors.js";
import { applyPatch, MAX_JSON_PATCH_OPERATIONS } from "../src/patch/index.js";

// biome-ignore lint/suspicious/noExplicitAny: assertions read patched documents field by field.
type Doc = Record<string, any>;

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("expected an ApiError");
}

const json = (original: unknown, patch: unknown) => applyPatch("json", original, patch, undefined) as Doc;

const live = deepFreeze({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "web",
    annotations: { "deployment.kubernetes.io/revision": "3", note: "x" },
  },
  spec: {
    replicas: 3,
    template: {
      metadata: { labels: { app: "web", "pod-template-hash": "abc" } },
      spec: { containers: [{ name: "nginx", image: "nginx:1.26" }] },
    },
  },
});

describe("JSON patch (RFC 6902)", () => {
  it("applies kubectl rollout undo's patch; its creationTimestamp: null is not stored", () => {
    const template = {
      metadata: { creationTimestamp: null, labels: { app: "web" } },
      spec: {
        containers: [
          {
            name: "nginx",
            image: "nginx:1.25",
            ports: [{ containerPort: 80, protocol: "TCP" }],
            resources: {},
            terminationMessagePath: "/dev/termination-log",
            terminationMessagePolicy: "File",
            imagePullPolicy: "IfNotPresent",
          },
        ],
        restartPolicy: "Always",
        terminationGracePeriodSeconds: 30,
        dnsPolicy: "ClusterFirst",
        securityContext: {},
        schedulerName: "default-scheduler",
      },
    };
    const annotations = {
      "deployment.kubernetes.io/revision": "2",
      "kubectl.kubernetes.io/last-applied-configuration": "{}",
    };
    const out = json(live, [
      { op: "replace", path: "/spec/template", value: template },
      { op: "replace", path: "/metadata/annotations", value: annotations },
    ]);
    expect(out.spec.template.metadata).toEqual({ labels: { app: "web" } });
    expect(out.spec.template.spec).toEqual(template.spec);
    expect(out.metadata.annotations).toEqual(annotations);
    expect(out.spec.replicas).toBe(3);
    expect(live.spec.template.spec.containers[0]?.image).toBe("nginx:1.26");
  });

  it("supports add, remove, move, copy and test", () => {
    const out = json(live, [
      { op: "test", path: "/spec/replicas", value: 3 },
      { op: "add", path: "/metadata/labels", value: { tier: "front" } },
      { op: "add", path: "/spec/template/spec/containers/-", value: { name: "side", image: "s" } },
      { op: "remove", path: "/metadata/annotations/note" },
      { op: "copy", from: "/spec/replicas", path: "/spec/minReadySeconds" },
      { op: "move", from: "/metadata/labels/tier", path: "/metadata/labels/layer" },
    ]);
    expect(out.metadata.labels).toEqual({ layer: "front" });
    expect(out.metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "3" });
    expect(out.spec.minReadySeconds).toBe(3);
    expect(out.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(["nginx", "side"]);
  });

  it("a failing test is the API server's generic 422, and nothing is applied", () => {
    const err = apiError(() =>
      json(live, [
        { op: "replace", path: "/spec/replicas", value: 1 },
        { op: "test", path: "/spec/replicas", value: 99 },
      ]),
    );
    expect(err.code).toBe(422);
    expect(err.reason).toBe("Invalid");
    expect(err.message).toBe("the server rejected our request due to an error in our request");
    expect(err.toStatus()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "the server rejected our request due to an error in our request",
      reason: "Invalid",
      code: 422,
      details: {},
    });
    expect(err.cause).toBeDefined();
    expect(live.spec.replicas).toBe(3);
  });

  it.each([
    ["remove of a missing path", [{ op: "remove", path: "/spec/paused" }]],
    ["replace of a missing path", [{ op: "replace", path: "/spec/paused", value: true }]],
    ["add under a missing parent", [{ op: "add", path: "/status/x/y", value: 1 }]],
    ["an unknown op", [{ op: "frobnicate", path: "/spec" }]],
    ["an op without a path", [{ op: "add", value: 1 }]],
    ["an out-of-range index", [{ op: "add", path: "/spec/template/spec/containers/5", value: {} }]],
    ["a null operation", [null]],
  ])("%s is a 422", (_, patch) => {
    const err = apiError(() => json(live, patch));
    expect(err.code).toBe(422);
    expect(err.message).toBe("the server rejected our request due to an error in our request");
  });

  it("a body that is not a list of operations is Go's decode error, 400", () => {
    const notList = apiError(() => json(live, { op: "add" }));
    expect(notList.code).toBe(400);
    expect(notList.message).toBe("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
    const notOp = apiError(() => json(live, ["x"]));
    expect(notOp.code).toBe(400);
    expect(notOp.message).toBe("json: cannot unmarshal string into Go value of type jsonpatch.Operation");
  });

  it("more than 10000 operations is 413", () => {
    const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({
      op: "test",
      path: "/kind",
      value: "Deployment",
    }));
    const err = apiError(() => json(live, ops));
    expect(err.code).toBe(413);
    expect(err.message).toBe(
      "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001",
    );
    expect(json(live, ops.slice(1)).kind).toBe("Deployment");
  });

  it("refuses __proto__ paths without touching prototypes", () => {
    const err = apiError(() => json({ a: {} }, [{ op: "add", path: "/a/__proto__/polluted", value: 1 }]));
    expect(err.code).toBe(422);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });

  it("an empty or null patch returns an equal copy", () => {
    expect(json(live, [])).toEqual(live);
    expect(json(live, null)).toEqual(live);
    expect(json(live, [])).not.toBe(live);
  });
});
