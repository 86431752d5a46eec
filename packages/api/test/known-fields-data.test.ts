import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { KNOWN_KINDS, KNOWN_TYPES } from "../src/known-fields/generated/known-types.js";
import { hasKnownFields } from "../src/known-fields/index.js";
import { isInline, jsonName } from "../src/protobuf/json-shape.js";
import { k8sSchema } from "../src/protobuf/schema.js";
import { RESOURCES } from "../src/registry/index.js";

const LEAVES = new Set(["string", "number", "boolean", "int-or-string", "quantity", "time", "any"]);

/** The named type a field type ends in ("[]core/v1.Container" → "core/v1.Container"), or undefined for leaves. */
function namedType(type: string): string | undefined {
  const inner = type.replace(/^(\[\]|\{\})+/, "");
  return LEAVES.has(inner) ? undefined : inner;
}

describe("generated field data", () => {
  it("covers every kind the API server decodes, in every served version", () => {
    for (const r of RESOURCES) {
      // metrics.k8s.io is read-only (get/list): its bodies are never decoded.
      if (r.group === "metrics.k8s.io") continue;
      for (const v of r.versions)
        expect(`${r.group}/${v}/${r.kind}: ${hasKnownFields(r.group, v, r.kind)}`).toMatch(/true$/);
    }
    // Subresource bodies: scale, eviction, binding.
    for (const [group, version, kind] of [
      ["autoscaling", "v1", "Scale"],
      ["policy", "v1", "Eviction"],
      ["", "v1", "Binding"],
    ] as const) {
      expect(hasKnownFields(group, version, kind)).toBe(true);
    }
  });

  it("has every type it refers to, and no type nothing refers to", () => {
    const referenced = new Set(Object.values(KNOWN_KINDS));
    for (const [name, fields] of Object.entries(KNOWN_TYPES)) {
      for (const [field, type] of Object.entries(fields)) {
        const named = namedType(type);
        if (named === undefined) continue;
        expect(`${name}.${field} → ${named}: ${Object.hasOwn(KNOWN_TYPES, named)}`).toMatch(/true$/);
        referenced.add(named);
      }
    }
    expect([...referenced].sort()).toEqual(Object.keys(KNOWN_TYPES).sort());
  });

  it("is what the generator writes today (the committed file is not stale)", () => {
    const script = fileURLToPath(new URL("../scripts/gen-known-fields.mjs", import.meta.url));
    expect(execFileSync(process.execPath, [script, "--check"], { encoding: "utf8" })).toMatch(/up to date/);
  });
});

// The protobuf messages in proto/k8s/ are Kubernetes 1.32's own (extracted from kubectl 1.32), so they
// list every field of 1.32: the field data must have exactly their fields, whatever kubernetes-types 1.30
// lacked. proto/k8s/ holds only what kubectl sends as protobuf, so coordination, discovery, storage,
// Endpoints and Binding have no message there; those were compared once with kubectl 1.32's embedded
// descriptors when the generator's K8S_1_32 list was written.
describe("generated field data against the Kubernetes 1.32 protobuf contract", () => {
  const WITHOUT_PROTO_HERE = new Set([
    "core/v1.Binding",
    "core/v1.EndpointAddress",
    "core/v1.EndpointPort",
    "core/v1.EndpointSubset",
    "core/v1.Endpoints",
    "core/v1.TopologySelectorLabelRequirement",
    "core/v1.TopologySelectorTerm",
  ]);
  const roots = new Set(Object.values(KNOWN_KINDS));

  function protoName(name: string): string {
    const [module = "", type = ""] = name.split(".");
    const pkg =
      module === "meta/v1"
        ? "k8s.io.apimachinery.pkg.apis.meta.v1"
        : `k8s.io.api.${module.replace("/", ".")}`;
    return `${pkg}.${type}`;
  }

  function ourName(fullName: string): string {
    const m = fullName.match(/^\.k8s\.io\.(?:api\.(\w+)\.(\w+)|apimachinery\.pkg\.apis\.meta\.(v1))\.(\w+)$/);
    if (m === null) return fullName;
    return m[3] === undefined ? `${m[1]}/${m[2]}.${m[4]}` : `meta/v1.${m[4]}`;
  }

  function messageOf(name: string): protobuf.Type | undefined {
    const found = k8sSchema().lookup(protoName(name));
    return found !== null && "fieldsArray" in found ? (found as protobuf.Type) : undefined;
  }

  /** JSON field name → proto field, with Go's inline structs spread into their parent as JSON has them. */
  function jsonFields(type: protobuf.Type): Map<string, protobuf.Field> {
    const out = new Map<string, protobuf.Field>();
    for (const field of type.fieldsArray) {
      field.resolve();
      if (isInline(type.fullName, field.name)) {
        for (const [name, inner] of jsonFields(field.resolvedType as protobuf.Type)) out.set(name, inner);
      } else {
        out.set(jsonName(type.fullName, field.name), field);
      }
    }
    return out;
  }

  const skipped: string[] = [];
  for (const [name, fields] of Object.entries(KNOWN_TYPES)) {
    const message = messageOf(name);
    if (message === undefined) {
      skipped.push(name);
      continue;
    }
    it(name, () => {
      const proto = jsonFields(message);
      const ours = Object.keys(fields).filter(
        (f) => !(roots.has(name) && (f === "apiVersion" || f === "kind")),
      );
      expect(ours.sort()).toEqual([...proto.keys()].sort());
      for (const [field, type] of Object.entries(fields)) {
        const p = proto.get(field);
        if (p === undefined) continue;
        expect(`${field} list: ${type.startsWith("[]")}`).toBe(`${field} list: ${p.repeated}`);
        expect(`${field} map: ${type.startsWith("{}")}`).toBe(`${field} map: ${p.map}`);
        const named = namedType(type);
        if (named !== undefined) expect(named).toBe(ourName((p.resolvedType as protobuf.Type).fullName));
      }
    });
  }

  it("leaves out only the types proto/k8s/ has no message for", () => {
    const groupsWithoutProto = /^(coordination|discovery|storage)\/v1\./;
    expect(skipped.filter((n) => !groupsWithoutProto.test(n)).sort()).toEqual([...WITHOUT_PROTO_HERE].sort());
    expect(Object.keys(KNOWN_TYPES).length - skipped.length).toBeGreaterThan(200);
  });
});
