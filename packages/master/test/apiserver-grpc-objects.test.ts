import * as grpc from "@grpc/grpc-js";
import {
  ApiError,
  conflict,
  invalid,
  loadObjectsProto,
  notFound,
  ObjectClient,
  type ObjectsWire,
  STATUS_METADATA_KEY,
  type StatusReason,
} from "@tskube/api";
import type { Pod } from "kubernetes-types/core/v1.js";
import { afterEach, describe, expect, it } from "vitest";
import type { Authenticate } from "../src/apiserver/grpc/index.js";
import {
  deadEndpoint,
  FakeCore,
  type RunningServer,
  startObjectsServer,
} from "./helpers/apiserver-grpc-fake.js";

// The gRPC object API as a transport: real grpc-js servers on 127.0.0.1 over a fake core (inside the test
// helpers), driven by the real ObjectClient and, where the wire itself is checked, by a raw gRPC stub.

const servers: RunningServer[] = [];
const clients: Array<{ close(): void }> = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) s.server.forceShutdown();
});

async function serve(core: FakeCore, authenticate?: Authenticate) {
  const s = await startObjectsServer(core, authenticate);
  servers.push(s);
  return s;
}

function client(
  endpoints: string | string[],
  token = "alice",
  extra: ConstructorParameters<typeof ObjectClient>[1] = {},
) {
  const c = new ObjectClient(endpoints, { token, deadlineMs: 5000, retryBudgetMs: 3000, ...extra });
  clients.push(c);
  return c;
}

function rawStub(endpoint: string): ObjectsWire.ObjectsClient {
  const stub = new (loadObjectsProto().api.v1.Objects)(endpoint, grpc.credentials.createInsecure());
  clients.push(stub);
  return stub;
}

function bearer(token: string): grpc.Metadata {
  const md = new grpc.Metadata();
  md.set("authorization", `Bearer ${token}`);
  return md;
}

/** A raw Get whose failure is returned as the ServiceError grpc-js produced. */
function rawGetError(endpoint: string, md = bearer("alice")): Promise<grpc.ServiceError> {
  return new Promise((resolve, reject) => {
    rawStub(endpoint).Get(
      { target: { group: "", version: "v1", resource: "pods", namespace: "default", name: "x" } },
      md,
      (err) => (err === null ? reject(new Error("expected a failure")) : resolve(err)),
    );
  });
}

const pod = (name: string, extra: Partial<Pod> = {}): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default", labels: { app: "web" } },
  spec: { containers: [{ name: "c", image: "nginx:1.25" }] },
  ...extra,
});

describe("gRPC object API: verbs round trip", () => {
  it("creates, gets, updates, patches and deletes a pod with the scope and options the core needs", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const warnings: string[] = [];
    const c = client(endpoint, "alice", { onWarning: (w) => warnings.push(w) });

    const created = await c.create("pods", { ...pod("web"), unknown: 1 } as Pod, {
      dryRun: true,
      fieldManager: "tests",
      fieldValidation: "Warn",
    });
    expect(created.metadata?.name).toBe("web");
    expect(created.metadata?.resourceVersion).toBe("101");
    expect(warnings).toEqual(['unknown field "unknown"']);
    const createCall = core.calls.at(-1);
    expect(createCall?.verb).toBe("create");
    expect(createCall?.scope).toEqual({
      user: { name: "alice", groups: ["system:authenticated"] },
      group: "",
      version: "v1",
      resource: "pods",
      namespace: "default",
    });
    expect(createCall?.options).toEqual({ dryRun: true, fieldManager: "tests", fieldValidation: "Warn" });
    expect(createCall?.body).toEqual({ ...pod("web"), unknown: 1 });

    const got: Pod = await c.get("pods", { namespace: "default", name: "web", resourceVersion: "0" });
    expect(got.spec?.containers[0]?.image).toBe("nginx:1.25");
    expect(core.calls.at(-1)).toMatchObject({
      verb: "get",
      scope: { resource: "pods", namespace: "default", name: "web" },
      options: { resourceVersion: "0" },
    });

    const updated = await c.update("pods", { ...got, metadata: { ...got.metadata, labels: { app: "v2" } } });
    expect(updated.metadata?.labels).toEqual({ app: "v2" });
    expect(updated.metadata?.resourceVersion).toBe("102");
    expect(core.calls.at(-1)).toMatchObject({ verb: "update", scope: { name: "web" }, options: {} });

    const patched = await c.patch("pods", {
      namespace: "default",
      name: "web",
      type: "apply",
      patch: { spec: { nodeName: "n1" } },
      fieldManager: "kubectl",
      force: true,
    });
    expect((patched.spec as { nodeName?: string }).nodeName).toBe("n1");
    expect(core.calls.at(-1)).toMatchObject({
      verb: "patch",
      patchKind: "apply",
      body: { spec: { nodeName: "n1" } },
      options: { fieldManager: "kubectl", force: true },
    });

    const deleted = await c.delete("pods", {
      namespace: "default",
      name: "web",
      propagationPolicy: "Foreground",
      gracePeriodSeconds: 0,
      preconditions: { uid: "uid-101" },
      dryRun: true,
    });
    expect((deleted as Pod).metadata?.name).toBe("web");
    expect(core.calls.at(-1)?.options).toEqual({
      dryRun: true,
      propagationPolicy: "Foreground",
      gracePeriodSeconds: 0,
      preconditions: { uid: "uid-101" },
    });
  });

  it("maps every patch type, and a JSON patch arrives as the array it is", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const c = client(endpoint);
    await c.create("pods", pod("p"));
    const kinds = [];
    for (const type of ["json", "merge", "strategic", "apply"] as const) {
      const patch =
        type === "json" ? [{ op: "replace", path: "/metadata/labels/app", value: "x" }] : { a: 1 };
      await c.patch("pods", { namespace: "default", name: "p", type, patch });
      const last = core.calls.at(-1);
      kinds.push(last?.patchKind);
      expect(last?.body).toEqual(patch);
      expect(last?.options).toEqual({});
    }
    expect(kinds).toEqual(["json", "merge", "strategic", "apply"]);
  });

  it("lists with every option and rebuilds the list (items get no invented fields)", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const c = client(endpoint);
    await c.create("pods", pod("a"));
    await c.create("pods", pod("b"));
    const list = await c.list("pods", {
      namespace: "default",
      labelSelector: "app=web",
      fieldSelector: "metadata.name!=c",
      limit: 2,
      continue: "tok",
      resourceVersion: "0",
      resourceVersionMatch: "NotOlderThan",
    });
    expect(core.calls.at(-1)?.options).toEqual({
      labelSelector: "app=web",
      fieldSelector: "metadata.name!=c",
      limit: 2,
      continue: "tok",
      resourceVersion: "0",
      resourceVersionMatch: "NotOlderThan",
    });
    expect(list.apiVersion).toBe("v1");
    expect(list.kind).toBe("PodList");
    expect(list.metadata).toEqual({ resourceVersion: "102", continue: "next-page", remainingItemCount: 7 });
    expect(list.items.map((p) => p.metadata?.name)).toEqual(["a", "b"]);
    expect(list.items[0]?.kind).toBeUndefined();

    const all = await c.list("pods");
    expect(core.calls.at(-1)?.options).toEqual({});
    expect(core.calls.at(-1)?.scope.namespace).toBeUndefined();
    expect(all.metadata).toEqual({ resourceVersion: "102" });
  });

  it("addresses any resource by group/version/resource, and subresources by name", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const c = client(endpoint);
    const gvr = { group: "example.com", version: "v1alpha1", resource: "widgets" };
    await c.create(gvr, { apiVersion: "example.com/v1alpha1", kind: "Widget", metadata: { name: "w" } });
    expect(core.calls.at(-1)?.scope).toMatchObject({
      group: "example.com",
      version: "v1alpha1",
      resource: "widgets",
    });
    expect(core.calls.at(-1)?.scope.namespace).toBeUndefined();

    await c.create(
      "pods",
      {
        apiVersion: "v1",
        kind: "Binding",
        metadata: { name: "web", namespace: "default" },
        target: { name: "n1" },
      },
      { subresource: "binding" },
    );
    expect(core.calls.at(-1)?.scope).toMatchObject({ resource: "pods", name: "web", subresource: "binding" });

    await c.create("deployments", { metadata: { name: "d", namespace: "prod" } });
    expect(core.calls.at(-1)?.scope).toMatchObject({
      group: "apps",
      version: "v1",
      resource: "deployments",
      namespace: "prod",
    });
  });

  it("refuses a call on one object without a name before sending it, as client-go does", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const c = client(endpoint);
    const err = await c.get("pods", { namespace: "default", name: "" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe("resource name may not be empty");
    expect(core.calls).toHaveLength(0);
  });
});

describe("gRPC object API: errors", () => {
  it("rebuilds the core's ApiError identically (reason, code, message, details, causes)", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const c = client(endpoint);
    const bad = invalid("Pod", "", "web", [
      { reason: "FieldValueRequired", field: "spec.containers", message: "Required value" },
      {
        reason: "FieldValueInvalid",
        field: "metadata.name",
        message: 'Invalid value: "Web": a lowercase RFC 1123 subdomain…',
      },
    ]);
    core.failNext(bad);
    const err = await c.create("pods", pod("web")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).toStatus()).toEqual(bad.toStatus());
    expect((err as ApiError).code).toBe(422);

    const conflicted = conflict({ resource: "deployments", group: "apps" }, "web");
    core.failNext(conflicted);
    const err2 = await c
      .update("deployments", { metadata: { name: "web", namespace: "default" } })
      .catch((e: unknown) => e);
    expect((err2 as ApiError).toStatus()).toEqual(conflicted.toStatus());

    const missing = await c.get("pods", { namespace: "default", name: "nope" }).catch((e: unknown) => e);
    expect((missing as ApiError).toStatus()).toEqual(
      notFound({ resource: "pods", group: "" }, "nope").toStatus(),
    );
  });

  it("answers each reason with its gRPC code, the Status message, and the Status in k8s-status-bin", async () => {
    const expected: Record<StatusReason, grpc.status> = {
      BadRequest: grpc.status.INVALID_ARGUMENT,
      Unauthorized: grpc.status.UNAUTHENTICATED,
      Forbidden: grpc.status.PERMISSION_DENIED,
      NotFound: grpc.status.NOT_FOUND,
      MethodNotAllowed: grpc.status.UNIMPLEMENTED,
      AlreadyExists: grpc.status.ALREADY_EXISTS,
      Conflict: grpc.status.ABORTED,
      Gone: grpc.status.OUT_OF_RANGE,
      Expired: grpc.status.OUT_OF_RANGE,
      RequestEntityTooLarge: grpc.status.RESOURCE_EXHAUSTED,
      UnsupportedMediaType: grpc.status.INVALID_ARGUMENT,
      Invalid: grpc.status.INVALID_ARGUMENT,
      TooManyRequests: grpc.status.RESOURCE_EXHAUSTED,
      InternalError: grpc.status.INTERNAL,
      ServiceUnavailable: grpc.status.UNAVAILABLE,
      Timeout: grpc.status.DEADLINE_EXCEEDED,
    };
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    for (const [reason, code] of Object.entries(expected) as [StatusReason, grpc.status][]) {
      const apiError = new ApiError(reason, `failed with ${reason} — ünïcode`, {
        name: "x",
        kind: "pods",
        group: "",
      });
      core.failNext(apiError);
      const err = await rawGetError(endpoint);
      expect(err.code, reason).toBe(code);
      expect(err.details, reason).toBe(apiError.message);
      const bin = err.metadata.get(STATUS_METADATA_KEY)[0];
      expect(Buffer.isBuffer(bin), reason).toBe(true);
      expect(JSON.parse((bin as Buffer).toString("utf8")), reason).toEqual(apiError.toStatus());
    }
  });

  it("turns anything else the core throws into 500 InternalError, never a crash", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    core.failNext(new Error("boom"));
    const err = await client(endpoint)
      .get("pods", { namespace: "default", name: "x" })
      .catch((e: unknown) => e);
    expect((err as ApiError).reason).toBe("InternalError");
    expect((err as ApiError).code).toBe(500);
    expect((err as ApiError).message).toBe("Internal error occurred: boom");
  });

  it("keeps a huge Invalid within the header limits, causes trimmed, message and reason intact", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const causes = Array.from({ length: 2000 }, (_, i) => ({
      reason: "FieldValueInvalid",
      field: `spec.containers[${i}].name`,
      message: `Invalid value: "${"x".repeat(40)}": must be no more than 63 characters`,
    }));
    const huge = invalid("Pod", "", "web", causes);
    core.failNext(huge);
    const err = (await client(endpoint)
      .create("pods", pod("web"))
      .catch((e: unknown) => e)) as ApiError;
    expect(err.reason).toBe("Invalid");
    expect(err.message.startsWith('Pod "web" is invalid: [spec.containers[0].name: Invalid value')).toBe(
      true,
    );
    expect(err.message.endsWith("… (truncated)")).toBe(true);
    expect(err.details?.causes?.length).toBeGreaterThan(10);
    expect(err.details?.causes?.length).toBeLessThan(2000);
    expect(err.details?.causes?.[0]).toEqual(causes[0]);
  });

  it("refuses bodies and options it cannot read with the API server's texts", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const stub = rawStub(endpoint);
    const target = { group: "", version: "v1", resource: "pods", namespace: "default", name: "p" };
    const call = <T>(start: (cb: (err: grpc.ServiceError | null, v?: T) => void) => void) =>
      new Promise<grpc.ServiceError>((resolve, reject) =>
        start((err) => (err === null ? reject(new Error("expected failure")) : resolve(err))),
      );
    const notJson = await call((cb) =>
      stub.Create({ target, object: Buffer.from("{nope") }, bearer("a"), cb),
    );
    expect(notJson.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(notJson.details).toMatch(/^couldn't get version\/kind; json parse error: /);
    const array = await call((cb) => stub.Create({ target, object: Buffer.from("[1]") }, bearer("a"), cb));
    expect(array.details).toBe(
      "couldn't get version/kind; json parse error: expected a JSON object, got an array",
    );
    const fv = await call((cb) =>
      stub.Update(
        { target, object: Buffer.from("{}"), options: { fieldValidation: "Loud" } },
        bearer("a"),
        cb,
      ),
    );
    expect(fv.details).toBe(
      'fieldValidation: Unsupported value: "Loud": supported values: "Ignore", "Strict", "Warn"',
    );
    const noType = await call((cb) => stub.Patch({ target, patch: Buffer.from("{}") }, bearer("a"), cb));
    expect(noType.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(noType.details).toMatch(
      /^the body of the request was in an unknown format - accepted media types include: /,
    );
    const policy = await call((cb) => stub.Delete({ target, propagationPolicy: "Later" }, bearer("a"), cb));
    expect(policy.details).toBe(
      'propagationPolicy: Unsupported value: "Later": supported values: "Foreground", "Background", "Orphan"',
    );
    const noResource = await call((cb) => stub.Get({ target: { version: "v1" } }, bearer("a"), cb));
    expect(noResource.code).toBe(grpc.status.NOT_FOUND);
    expect(core.calls).toHaveLength(0);
  });
});

describe("gRPC object API: authentication", () => {
  it("answers a call without credentials with UNAUTHENTICATED and the 401 Status", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const raw = await rawGetError(endpoint, new grpc.Metadata());
    expect(raw.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(raw.details).toBe("Unauthorized");
    const c = new ObjectClient(endpoint, { deadlineMs: 5000 });
    clients.push(c);
    const err = (await c.list("pods").catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.toStatus()).toMatchObject({ reason: "Unauthorized", code: 401, message: "Unauthorized" });
    expect(core.calls).toHaveLength(0);
  });

  it("passes the authenticated user to the core, and an authenticator's own ApiError to the client", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core, async (call) => {
      const token = String(call.metadata.get("authorization")[0] ?? "");
      if (token === "Bearer expired") throw new ApiError("Unauthorized", "token expired");
      return { name: "bob", groups: ["dev"], uid: "42" };
    });
    await client(endpoint, "good").list("pods", { namespace: "default" });
    expect(core.calls.at(-1)?.scope.user).toEqual({ name: "bob", groups: ["dev"], uid: "42" });
    const err = (await client(endpoint, "expired")
      .list("pods")
      .catch((e: unknown) => e)) as ApiError;
    expect(err.message).toBe("token expired");
    expect(err.code).toBe(401);
  });
});

describe("gRPC object API: failover", () => {
  it("moves reads and never-sent writes past an endpoint that is down", async () => {
    const core = new FakeCore();
    const { endpoint } = await serve(core);
    const c = client([await deadEndpoint(), endpoint]);
    await c.create("pods", pod("a"));
    expect((await c.get("pods", { namespace: "default", name: "a" })).metadata?.name).toBe("a");
    expect(core.calls.map((x) => x.verb)).toEqual(["create", "get"]);
  });

  it("does not repeat a write the server may have run, unless it said Retry-After", async () => {
    const core = new FakeCore();
    const a = await serve(core);
    const b = await serve(core);
    const c = client([a.endpoint, b.endpoint]);
    core.failNext(new ApiError("ServiceUnavailable", "etcdserver: leader changed"));
    const err = (await c.create("pods", pod("x")).catch((e: unknown) => e)) as ApiError;
    expect(err.reason).toBe("ServiceUnavailable");
    expect(core.calls.filter((x) => x.verb === "create")).toHaveLength(1);

    core.failNext(
      new ApiError("TooManyRequests", "too many requests, please try again later", { retryAfterSeconds: 0 }),
    );
    const ok = await c.create("pods", pod("y"));
    expect(ok.metadata?.name).toBe("y");
    expect(core.calls.filter((x) => x.verb === "create")).toHaveLength(3);

    core.failNext(new ApiError("ServiceUnavailable", "no leader"));
    expect((await c.get("pods", { namespace: "default", name: "y" })).metadata?.name).toBe("y");
  });

  it("reports an unreachable cluster as ServiceUnavailable naming the endpoint", async () => {
    const dead = await deadEndpoint();
    const c = client([dead], "alice", { retryBudgetMs: 200 });
    const err = (await c.list("pods").catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.reason).toBe("ServiceUnavailable");
    expect(err.code).toBe(503);
    expect(err.message.startsWith(`${dead}: `)).toBe(true);
  });
});
