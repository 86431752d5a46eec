import { describe, expect, it } from "vitest";
import { type ApiError, notFound } from "../src/errors.js";
import {
  decodeProtobufBody,
  encodeProtobufBody,
  isProtobufKind,
  protobufKinds,
} from "../src/protobuf/index.js";
import { messageType } from "../src/protobuf/schema.js";

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

/** A body with any envelope fields, the object's bytes given raw. */
function body(
  typeMeta: { apiVersion?: string; kind?: string },
  raw: Uint8Array = new Uint8Array(),
): Uint8Array {
  const unknown = messageType("k8s.io.apimachinery.pkg.runtime.Unknown");
  const bytes = unknown.encode(unknown.fromObject({ typeMeta, raw })).finish();
  return new Uint8Array([...MAGIC, ...bytes]);
}

function failure(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    return err as ApiError;
  }
  throw new Error("expected a throw");
}

describe("protobuf envelope", () => {
  it("writes the magic and a runtime.Unknown with all four fields, as Go does", () => {
    const bytes = encodeProtobufBody("v1", "Namespace", { metadata: { name: "a" } });
    expect([...bytes.subarray(0, 4)]).toEqual(MAGIC);
    const unknown = messageType("k8s.io.apimachinery.pkg.runtime.Unknown");
    const envelope = unknown.toObject(unknown.decode(bytes.subarray(4)), { bytes: Array });
    expect(envelope).toEqual({
      typeMeta: { apiVersion: "v1", kind: "Namespace" },
      raw: [0x0a, 0x03, 0x0a, 0x01, 0x61], // metadata{name:"a"}
      contentEncoding: "",
      contentType: "",
    });
  });

  it("refuses bodies that are not protobuf, with the API server's texts (400)", () => {
    const cases: [Uint8Array, string][] = [
      [new Uint8Array(), "empty data"],
      [
        new TextEncoder().encode('{"kind":"Pod"}'),
        "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]",
      ],
      [
        new Uint8Array([0x6b, 0x38]),
        "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]",
      ],
      [new Uint8Array(MAGIC), "empty body"],
    ];
    for (const [bytes, message] of cases) {
      const err = failure(() => decodeProtobufBody(bytes));
      expect(err.code).toBe(400);
      expect(err.reason).toBe("BadRequest");
      expect(err.message).toBe(message);
    }
  });

  it("a truncated envelope or object is a 400, not a crash", () => {
    const good = encodeProtobufBody("v1", "Namespace", { metadata: { name: "abc" } });
    const err = failure(() => decodeProtobufBody(good.subarray(0, 10)));
    expect(err.code).toBe(400);
    expect(err.message).toMatch(/^unable to decode the protobuf envelope: /);

    const badRaw = failure(() =>
      decodeProtobufBody(body({ apiVersion: "v1", kind: "Namespace" }, new Uint8Array([0x0a, 0x05, 0x0a]))),
    );
    expect(badRaw.code).toBe(400);
    expect(badRaw.message).toMatch(/^unable to decode Namespace in version "v1" from protobuf: /);
  });

  it("a kind this server has no schema for is 400 BadRequest, as Kubernetes answers (not 415)", () => {
    const err = failure(() => decodeProtobufBody(body({ apiVersion: "apps/v1", kind: "Widget" })));
    expect(err.code).toBe(400);
    expect(err.message).toBe('no kind "Widget" is registered for version "apps/v1"');
    // A nested message is not a kind, even though the schema has it.
    expect(failure(() => decodeProtobufBody(body({ apiVersion: "v1", kind: "PodSpec" }))).code).toBe(400);
    expect(failure(() => decodeProtobufBody(body({ apiVersion: "nope/v1", kind: "Pod" }))).message).toBe(
      'no kind "Pod" is registered for version "nope/v1"',
    );
  });

  it("a missing kind or apiVersion is refused, unless the endpoint's type fills it", () => {
    expect(failure(() => decodeProtobufBody(body({ apiVersion: "v1" }))).message).toBe(
      `Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:"v1", Kind:""}'`,
    );
    expect(failure(() => decodeProtobufBody(body({ kind: "Pod" }))).message).toBe(
      `Object 'apiVersion' is missing in 'runtime.TypeMeta{APIVersion:"", Kind:"Pod"}'`,
    );
    const filled = decodeProtobufBody(body({}), { apiVersion: "v1", kind: "Namespace" });
    expect(filled).toEqual({
      apiVersion: "v1",
      kind: "Namespace",
      object: { apiVersion: "v1", kind: "Namespace" },
    });
    // The envelope wins over the defaults.
    expect(
      decodeProtobufBody(body({ apiVersion: "v1", kind: "Pod" }), { apiVersion: "v1", kind: "Namespace" })
        .kind,
    ).toBe("Pod");
  });

  it("an error Status (for a future protobuf response path) round-trips", () => {
    const status = notFound({ resource: "deployments", group: "apps" }, "web").toStatus();
    const { object } = decodeProtobufBody(
      encodeProtobufBody("v1", "Status", status as Record<string, unknown>),
    );
    expect(object).toEqual(status);
  });

  it("DeleteOptions decodes under every served version (client-go uses the client's own)", () => {
    const opts = {
      gracePeriodSeconds: 0,
      propagationPolicy: "Foreground",
      dryRun: ["All"],
      preconditions: { uid: "u" },
    };
    for (const apiVersion of ["v1", "apps/v1", "batch/v1", "meta.k8s.io/v1"]) {
      const { object } = decodeProtobufBody(encodeProtobufBody(apiVersion, "DeleteOptions", opts));
      expect(object).toEqual({ apiVersion, kind: "DeleteOptions", ...opts });
    }
    expect(isProtobufKind("nope/v1", "DeleteOptions")).toBe(false);
  });

  it("every listed kind has its message, and encodes and decodes", () => {
    const kinds = protobufKinds();
    expect(kinds.length).toBeGreaterThanOrEqual(30);
    for (const { apiVersion, kind } of kinds) {
      expect(isProtobufKind(apiVersion, kind), `${apiVersion} ${kind}`).toBe(true);
      // DeleteOptions has no metadata, and Status a ListMeta.
      const object =
        kind === "DeleteOptions"
          ? { gracePeriodSeconds: 1 }
          : kind === "Status"
            ? { metadata: { resourceVersion: "1" } }
            : { metadata: { name: "x" } };
      expect(decodeProtobufBody(encodeProtobufBody(apiVersion, kind, object)).object).toEqual({
        apiVersion,
        kind,
        ...object,
      });
    }
  });
});
