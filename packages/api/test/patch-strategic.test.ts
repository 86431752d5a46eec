import { describe, expect, it } from "vitest";
import { ApiError } from "../src/errors.js";
import { applyPatch } from "../src/patch/index.js";
import { schemaFor } from "../src/schema/index.js";

// biome-ignore lint/suspicious/noExplicitAny: assertions read patched documents field by field.
type Doc = Record<string, any>;

const deploymentSchema = schemaFor("apps", "Deployment");

function smp(original: unknown, patch: unknown, schema = deploymentSchema): Doc {
  return applyPatch("strategic", original, patch, schema) as Doc;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/** Runs `fn`, expecting an ApiError, and returns it. */
function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("expected an ApiError");
}

/** All keys at any depth, to prove no directive was stored. */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...allKeys(v)]);
}

function deployment(containers: Doc[], extra: Doc = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "ns", annotations: { keep: "me" } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers, ...extra } },
    },
  };
}

describe("strategic merge patch: the patches kubectl 1.32 sends (research/kubectl.md)", () => {
  it("client-side apply: image change, env B deleted, env C added, port 443 added, with $setElementOrder", () => {
    const live = deepFreeze(
      deployment([
        {
          name: "nginx",
          image: "nginx:1.25",
          env: [
            { name: "A", value: "1" },
            { name: "B", value: "2" },
          ],
          ports: [{ containerPort: 80, protocol: "TCP" }],
          imagePullPolicy: "IfNotPresent",
        },
      ]),
    );
    const patch = deepFreeze({
      metadata: { annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}\n" } },
      spec: {
        replicas: 3,
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "nginx" }],
            containers: [
              {
                "$setElementOrder/env": [{ name: "C" }, { name: "A" }],
                "$setElementOrder/ports": [{ containerPort: 80 }, { containerPort: 443 }],
                env: [
                  { name: "C", value: "3" },
                  { $patch: "delete", name: "B" },
                ],
                image: "nginx:1.26",
                name: "nginx",
                ports: [{ containerPort: 443 }],
              },
            ],
          },
        },
      },
    });
    const out = smp(live, patch);
    expect(out.spec.replicas).toBe(3);
    expect(out.metadata.annotations).toEqual({
      keep: "me",
      "kubectl.kubernetes.io/last-applied-configuration": "{}\n",
    });
    expect(out.spec.template.spec.containers).toEqual([
      {
        name: "nginx",
        image: "nginx:1.26",
        env: [
          { name: "C", value: "3" },
          { name: "A", value: "1" },
        ],
        ports: [{ containerPort: 80, protocol: "TCP" }, { containerPort: 443 }],
        imagePullPolicy: "IfNotPresent",
      },
    ]);
    expect(allKeys(out).filter((k) => k.startsWith("$"))).toEqual([]);
    expect(out.spec.strategy.rollingUpdate).toEqual({ maxSurge: "25%", maxUnavailable: "25%" });
  });

  it("kubectl set image: only the image changes, the container keeps its other fields", () => {
    const live = deepFreeze(
      deployment([{ name: "nginx", image: "nginx:1.25", ports: [{ containerPort: 80 }] }]),
    );
    const out = smp(live, {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "nginx" }],
            containers: [{ image: "nginx:2", name: "nginx" }],
          },
        },
      },
    });
    expect(out.spec.template.spec.containers).toEqual([
      { name: "nginx", image: "nginx:2", ports: [{ containerPort: 80 }] },
    ]);
  });

  it("set image on one of two containers keeps both, in order", () => {
    const live = deployment([
      { name: "app", image: "app:1" },
      { name: "sidecar", image: "proxy:1" },
    ]);
    const out = smp(live, {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "app" }, { name: "sidecar" }],
            containers: [{ image: "proxy:2", name: "sidecar" }],
          },
        },
      },
    });
    expect(out.spec.template.spec.containers).toEqual([
      { name: "app", image: "app:1" },
      { name: "sidecar", image: "proxy:2" },
    ]);
  });

  it("retainKeys: switching the strategy RollingUpdate → Recreate drops rollingUpdate", () => {
    const out = smp(deepFreeze(deployment([{ name: "c", image: "i" }])), {
      spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } },
    });
    expect(out.spec.strategy).toEqual({ type: "Recreate" });
  });

  it("retainKeys on a volume: emptyDir → hostPath drops emptyDir, other volumes untouched", () => {
    const live = deepFreeze(
      deployment([{ name: "c", image: "i" }], {
        volumes: [
          { name: "data", emptyDir: {} },
          { name: "cfg", configMap: { name: "x" } },
        ],
      }),
    );
    const out = smp(live, {
      spec: {
        template: {
          spec: {
            "$setElementOrder/volumes": [{ name: "data" }, { name: "cfg" }],
            volumes: [
              { $retainKeys: ["hostPath", "name"], emptyDir: null, hostPath: { path: "/tmp" }, name: "data" },
            ],
          },
        },
      },
    });
    expect(out.spec.template.spec.volumes).toEqual([
      { name: "data", hostPath: { path: "/tmp" } },
      { name: "cfg", configMap: { name: "x" } },
    ]);
  });

  it("finalizers: $deleteFromPrimitiveList removes, $setElementOrder orders, neither is stored", () => {
    const cm = deepFreeze({
      metadata: { name: "c", finalizers: ["example.com/a", "example.com/b"] },
      data: { k: "v" },
    });
    const out = smp(
      cm,
      {
        metadata: {
          "$deleteFromPrimitiveList/finalizers": ["example.com/a"],
          "$setElementOrder/finalizers": ["example.com/b"],
        },
      },
      schemaFor("", "ConfigMap"),
    );
    expect(out).toEqual({ metadata: { name: "c", finalizers: ["example.com/b"] }, data: { k: "v" } });
  });
});

describe("strategic merge patch: maps", () => {
  const cmSchema = schemaFor("", "ConfigMap");
  it("merges key by key and null deletes", () => {
    const out = smp(
      { metadata: { name: "c", labels: { a: "1", b: "2" } }, data: { x: "1", y: "2" } },
      { metadata: { labels: { b: null, c: "3" } }, data: { y: "two" } },
      cmSchema,
    );
    expect(out).toEqual({ metadata: { name: "c", labels: { a: "1", c: "3" } }, data: { x: "1", y: "two" } });
  });

  it("$patch: replace replaces the whole map", () => {
    const out = smp(
      { metadata: { name: "c" }, data: { x: "1", y: "2" } },
      { data: { $patch: "replace", z: "3", gone: null } },
      cmSchema,
    );
    expect(out.data).toEqual({ z: "3" });
  });

  it("$patch: delete empties the map", () => {
    const out = smp(
      { metadata: { name: "c", labels: { a: "1" } } },
      { metadata: { labels: { $patch: "delete" } } },
      cmSchema,
    );
    expect(out.metadata.labels).toEqual({});
    expect(out.metadata.name).toBe("c");
  });

  it("a value of another type replaces, and values new to the object lose their nulls and directives", () => {
    const out = smp(deployment([{ name: "c", image: "i" }]), {
      spec: {
        paused: true,
        template: {
          spec: {
            securityContext: { runAsUser: 1000, fsGroup: null },
            containers: [
              {
                name: "d",
                image: "j",
                env: [
                  { name: "X", value: "1" },
                  { $patch: "delete", name: "Y" },
                ],
              },
            ],
          },
        },
      },
    });
    expect(out.spec.paused).toBe(true);
    expect(out.spec.template.spec.securityContext).toEqual({ runAsUser: 1000 });
    expect(out.spec.template.spec.containers).toContainEqual({
      name: "d",
      image: "j",
      env: [{ name: "X", value: "1" }],
    });
  });
});

describe("strategic merge patch: lists", () => {
  it("adds elements without a match; with no order given, patch items lead as in apimachinery", () => {
    const out = smp(deployment([{ name: "a", image: "a" }]), {
      spec: { template: { spec: { containers: [{ name: "b", image: "b" }] } } },
    });
    // mergeSortedSlice puts a server-only item first only if the server had it before the patch item.
    expect(out.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(["b", "a"]);
    const ordered = smp(deployment([{ name: "a", image: "a" }]), {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "a" }, { name: "b" }],
            containers: [{ name: "b", image: "b" }],
          },
        },
      },
    });
    expect(ordered.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(["a", "b"]);
  });

  it("patch items matching server items keep the server's interleaving", () => {
    const out = smp(
      deployment([
        { name: "a", image: "a" },
        { name: "b", image: "b" },
        { name: "c", image: "c" },
      ]),
      { spec: { template: { spec: { containers: [{ name: "c", image: "c2" }] } } } },
    );
    expect(
      out.spec.template.spec.containers.map((c: { name: string; image: string }) => `${c.name}:${c.image}`),
    ).toEqual(["a:a", "b:b", "c:c2"]);
  });

  it("$patch: delete removes the element with that merge key", () => {
    const out = smp(
      deployment([
        { name: "a", image: "a" },
        { name: "b", image: "b" },
      ]),
      { spec: { template: { spec: { containers: [{ $patch: "delete", name: "a" }] } } } },
    );
    expect(out.spec.template.spec.containers).toEqual([{ name: "b", image: "b" }]);
  });

  it('{"$patch":"replace"} as an element replaces the whole list', () => {
    const out = smp(
      deployment([
        { name: "a", image: "a" },
        { name: "b", image: "b" },
      ]),
      { spec: { template: { spec: { containers: [{ name: "c", image: "c" }, { $patch: "replace" }] } } } },
    );
    expect(out.spec.template.spec.containers).toEqual([{ name: "c", image: "c" }]);
  });

  it("lists without a merge strategy are replaced atomically", () => {
    const out = smp(
      deployment([{ name: "a", image: "a", args: ["x", "y"] }], {
        tolerations: [{ key: "k1" }, { key: "k2" }],
      }),
      {
        spec: {
          template: { spec: { tolerations: [{ key: "k3" }], containers: [{ name: "a", args: ["z"] }] } },
        },
      },
    );
    expect(out.spec.template.spec.tolerations).toEqual([{ key: "k3" }]);
    expect(out.spec.template.spec.containers[0].args).toEqual(["z"]);
  });

  it("merged primitive lists are a set union without duplicates", () => {
    const out = smp(
      { metadata: { name: "n", finalizers: ["a", "b"] } },
      { metadata: { finalizers: ["c", "a", "c"] } },
      schemaFor("", "ConfigMap"),
    );
    expect(out.metadata.finalizers).toEqual(["c", "a", "b"]);
  });

  it("$setElementOrder orders the list; server-only items keep their relative position", () => {
    const live = deployment([
      { name: "a", image: "a" },
      { name: "s", image: "s" },
      { name: "b", image: "b" },
    ]);
    const out = smp(live, {
      spec: { template: { spec: { "$setElementOrder/containers": [{ name: "b" }, { name: "a" }] } } },
    });
    // "s" stays before "b", where the server had it; "b" then "a" as the patch orders them.
    expect(out.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(["s", "b", "a"]);
  });

  it("$setElementOrder on a primitive list", () => {
    const out = smp(
      { metadata: { name: "n", finalizers: ["a", "b"] } },
      { metadata: { "$setElementOrder/finalizers": ["c", "b", "a"], finalizers: ["c"] } },
      schemaFor("", "ConfigMap"),
    );
    expect(out.metadata.finalizers).toEqual(["c", "b", "a"]);
  });

  it("Service ports merge by port; ownerReferences by uid", () => {
    const svc = {
      metadata: {
        name: "s",
        ownerReferences: [{ uid: "u1", name: "a", kind: "Deployment", apiVersion: "apps/v1" }],
      },
      spec: { ports: [{ port: 80, targetPort: 8080, protocol: "TCP" }] },
    };
    const out = smp(
      svc,
      {
        metadata: { ownerReferences: [{ uid: "u1", name: "renamed" }] },
        spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }] },
      },
      schemaFor("", "Service"),
    );
    expect(out.spec.ports).toEqual([{ port: 80, targetPort: 9090, protocol: "TCP" }, { port: 443 }]);
    expect(out.metadata.ownerReferences).toEqual([
      { uid: "u1", name: "renamed", kind: "Deployment", apiVersion: "apps/v1" },
    ]);
  });

  it("status conditions merge by type", () => {
    const out = smp(
      {
        metadata: { name: "p" },
        status: {
          conditions: [
            { type: "Ready", status: "False" },
            { type: "Scheduled", status: "True" },
          ],
        },
      },
      { status: { conditions: [{ type: "Ready", status: "True" }] } },
      schemaFor("", "Pod"),
    );
    expect(out.status.conditions).toEqual([
      { type: "Ready", status: "True" },
      { type: "Scheduled", status: "True" },
    ]);
  });
});

describe("strategic merge patch without a schema (unknown kinds)", () => {
  it("merges maps like a merge patch and replaces lists", () => {
    const out = smp(
      { spec: { a: { b: 1, c: 2 }, list: [{ name: "x", v: 1 }] } },
      { spec: { a: { c: null, d: 4 }, list: [{ name: "x", w: 2 }] } },
      undefined,
    );
    expect(out).toEqual({ spec: { a: { b: 1, d: 4 }, list: [{ name: "x", w: 2 }] } });
  });
});

describe("strategic merge patch: safety", () => {
  it("never changes the original or the patch", () => {
    const live = deepFreeze(deployment([{ name: "a", image: "a", env: [{ name: "E", value: "1" }] }]));
    const patch = deepFreeze({
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "a" }],
            containers: [{ name: "a", env: [{ $patch: "delete", name: "E" }] }],
          },
        },
      },
    });
    const out = smp(live, patch);
    expect(out.spec.template.spec.containers[0].env).toEqual([]);
    expect(live.spec.template.spec.containers[0]?.env).toEqual([{ name: "E", value: "1" }]);
  });

  it("a __proto__ member is stored as a plain field, not as a prototype", () => {
    const patch = JSON.parse('{"metadata":{"labels":{"__proto__":{"polluted":"yes"}}}}');
    const out = smp({ metadata: { name: "x" } }, patch, schemaFor("", "ConfigMap"));
    expect(Object.getPrototypeOf(out.metadata.labels)).toBe(Object.prototype);
    expect(Object.hasOwn(out.metadata.labels, "__proto__")).toBe(true);
    expect((out.metadata.labels as { polluted?: string }).polluted).toBeUndefined();
  });

  it("a null patch changes nothing", () => {
    const live = deployment([{ name: "a", image: "a" }]);
    expect(smp(live, null)).toEqual(live);
  });
});

describe("strategic merge patch: errors", () => {
  const live = deployment([{ name: "a", image: "a" }]);

  it("a patch that is not a JSON object is Go's unmarshal error, 400", () => {
    const err = apiError(() => smp(live, [{ op: "replace" }]));
    expect(err.code).toBe(400);
    expect(err.reason).toBe("BadRequest");
    expect(err.message).toBe("json: cannot unmarshal array into Go value of type map[string]interface {}");
    expect(apiError(() => smp(live, "x")).message).toBe(
      "json: cannot unmarshal string into Go value of type map[string]interface {}",
    );
  });

  it("an unknown $patch directive is a 400 naming it", () => {
    const err = apiError(() => smp(live, { spec: { strategy: { $patch: "explode" } } }));
    expect(err.code).toBe(400);
    expect(err.message).toBe("unknown patch type: explode in map: map[$patch:explode]");
    const inList = apiError(() =>
      smp(live, { spec: { template: { spec: { containers: [{ $patch: "nope", name: "a" }] } } } }),
    );
    expect(inList.message).toBe("unknown patch type: nope in map: map[$patch:nope name:a]");
  });

  it("an unknown $-directive key is a 400", () => {
    const err = apiError(() => smp(live, { spec: { $frobnicate: 1 } }));
    expect(err.code).toBe(400);
    expect(err.message).toBe('strict decoding error: unknown field "spec.$frobnicate"');
  });

  it("$retainKeys must be a list covering every key the patch sets", () => {
    const notListed = apiError(() =>
      smp(live, { spec: { strategy: { $retainKeys: ["type"], rollingUpdate: {} } } }),
    );
    expect(notListed.code).toBe(400);
    expect(notListed.message).toBe("invalid patch format of retainKeys");
    const notAList = apiError(() =>
      smp(live, { spec: { strategy: { $retainKeys: "type", type: "Recreate" } } }),
    );
    expect(notAList.message).toBe("invalid patch format of retainKeys");
    // null values are deletions and need not be listed.
    expect(
      smp(live, { spec: { strategy: { $retainKeys: ["type"], type: "Recreate", rollingUpdate: null } } }).spec
        .strategy,
    ).toEqual({
      type: "Recreate",
    });
  });

  it("a patch list out of $setElementOrder's order is a 400", () => {
    const err = apiError(() =>
      smp(
        deployment([
          { name: "a", image: "a" },
          { name: "b", image: "b" },
        ]),
        {
          spec: {
            template: {
              spec: {
                "$setElementOrder/containers": [{ name: "a" }, { name: "b" }],
                containers: [
                  { name: "b", image: "b2" },
                  { name: "a", image: "a2" },
                ],
              },
            },
          },
        },
      ),
    );
    expect(err.code).toBe(400);
    expect(err.message).toContain("doesn't match $setElementOrder list");
  });

  it("malformed directive keys and values are 400s", () => {
    expect(apiError(() => smp(live, { metadata: { $setElementOrderfinalizers: [] } })).message).toBe(
      "invalid patch format of setElementOrder list",
    );
    expect(apiError(() => smp(live, { metadata: { $deleteFromPrimitiveList: [] } })).message).toBe(
      "invalid patch format of primitive list",
    );
    expect(
      apiError(() => smp(live, { metadata: { "$deleteFromPrimitiveList/finalizers": "a" } })).message,
    ).toBe("invalid patch format of primitive list");
    expect(apiError(() => smp(live, { metadata: { "$setElementOrder/finalizers": "a" } })).message).toBe(
      "expected a slice, but received a string",
    );
  });

  it("merged list items must carry the merge key; $patch: merge is refused", () => {
    const missing = apiError(() =>
      smp(live, { spec: { template: { spec: { containers: [{ image: "x" }] } } } }),
    );
    expect(missing.code).toBe(400);
    expect(missing.message).toBe("map: map[image:x] does not contain declared merge key: name");
    const merge = apiError(() =>
      smp(live, { spec: { template: { spec: { containers: [{ $patch: "merge" }] } } } }),
    );
    expect(merge.message).toBe("merging lists cannot yet be specified in the patch");
  });

  it("mixed lists are a 400; lists of lists the API server's generic 422", () => {
    const mixed = apiError(() => smp(live, { spec: { template: { spec: { containers: ["x"] } } } }));
    expect(mixed.code).toBe(400);
    expect(mixed.message).toMatch(/^list element types are not identical: /);
    const nested = apiError(() =>
      smp(
        { metadata: { name: "n", finalizers: ["a"] } },
        { metadata: { finalizers: [["b"]] } },
        schemaFor("", "ConfigMap"),
      ),
    );
    expect(nested.code).toBe(422);
    expect(nested.message).toBe("the server rejected our request due to an error in our request");
  });
});
