import * as grpc from "@grpc/grpc-js";
import { ApiError, ObjectClient } from "@tskube/api";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ApiCluster, TOKENS } from "./helpers/api-cluster.js";

// The gRPC object API of three real masters, through the typed ObjectClient: the same core as kubectl's
// HTTPS gateway, so the same objects, validation and errors.

let api: ApiCluster;
let client: ObjectClient;

beforeAll(async () => {
  api = await ApiCluster.start();
  const { certPem, keyPem } = await api.adminCredentials();
  client = new ObjectClient(
    api.cluster.names().map((n) => api.cluster.grpcEndpoint(n)),
    {
      credentials: grpc.credentials.createSsl(
        Buffer.from(api.caPem),
        Buffer.from(keyPem),
        Buffer.from(certPem),
      ),
    },
  );
}, 120_000);

afterAll(async () => {
  client?.close();
  await api?.destroy();
});

it("creates, reads, lists and watches objects that kubectl sees", async () => {
  await client.create("namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "grpc" } });
  const cm = await client.create("configmaps", {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "settings", namespace: "grpc", labels: { via: "grpc" } },
    data: { a: "1" },
  });
  expect(cm.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
  const got = await client.get("configmaps", { namespace: "grpc", name: "settings" });
  expect(got.data).toEqual({ a: "1" });
  const listed = await client.list("configmaps", { namespace: "grpc", labelSelector: "via=grpc" });
  expect(listed.items.map((i) => i.metadata?.name)).toEqual(["settings"]);
  expect(
    (await api.kubectl(["-n", "grpc", "get", "cm", "settings", "-o", "jsonpath={.data.a}"])).stdout,
  ).toBe("1");

  const watch = await client.watch("configmaps", {
    namespace: "grpc",
    resourceVersion: listed.metadata.resourceVersion,
  });
  await client.patch("configmaps", {
    namespace: "grpc",
    name: "settings",
    type: "merge",
    patch: { data: { a: "2" } },
  });
  for await (const e of watch) {
    expect(e.type).toBe("MODIFIED");
    if (e.type === "MODIFIED") expect(e.object.data).toEqual({ a: "2" });
    break;
  }
  watch.close();
});

it("errors are the same ApiErrors as over HTTPS", async () => {
  const missing = await client
    .get("configmaps", { namespace: "grpc", name: "nope" })
    .catch((e: unknown) => e);
  expect(missing).toBeInstanceOf(ApiError);
  expect((missing as ApiError).reason).toBe("NotFound");
  expect((missing as ApiError).message).toBe('configmaps "nope" not found');
  const invalid = await client
    .create("configmaps", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "Bad_Name", namespace: "grpc" },
    })
    .catch((e: unknown) => e);
  expect((invalid as ApiError).code).toBe(422);
  expect((invalid as ApiError).details?.causes?.[0]?.field).toBe("metadata.name");
});

it("tokens work over gRPC too: the view token reads and gets 403 on writes", async () => {
  const viewer = new ObjectClient([api.cluster.grpcEndpoint("m2")], {
    credentials: grpc.credentials.createSsl(Buffer.from(api.caPem)),
    token: TOKENS.view,
  });
  try {
    const ns = await viewer.list("namespaces");
    expect(ns.items.map((i) => i.metadata?.name)).toContain("grpc");
    const denied = await viewer
      .create("configmaps", {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "x", namespace: "grpc" },
      })
      .catch((e: unknown) => e);
    expect((denied as ApiError).code).toBe(403);
  } finally {
    viewer.close();
  }
});

it("no credentials: 401", async () => {
  const anonymous = new ObjectClient([api.cluster.grpcEndpoint("m1")], {
    credentials: grpc.credentials.createSsl(Buffer.from(api.caPem)),
  });
  try {
    const r = await anonymous.list("namespaces").catch((e: unknown) => e);
    expect((r as ApiError).code).toBe(401);
  } finally {
    anonymous.close();
  }
});
