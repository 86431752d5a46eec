#!/usr/bin/env node
// Writes packages/api/src/known-fields/generated/known-types.ts: every JSON field of every kind the API
// server decodes, at every depth, so unknown fields can be found and pruned the way the real API server's
// strict JSON decoding finds them (fieldValidation Strict/Warn/Ignore).
//
// Source: the kubernetes-types package's .d.ts files, which are regular enough to read with a few regular
// expressions (one `export interface` per Go struct, one `name?: Type;` line per JSON field; inline Go
// structs are already flattened). That package is Kubernetes 1.30, so the fields Kubernetes 1.31 and 1.32
// added to the served kinds are listed below in K8S_1_32, with the ones 1.31 removed; the test
// known-fields-data.test.ts checks the result against the 1.32 protobuf contract in proto/k8s/.
//
// Usage: npm run gen:known-fields -w @tskube/api   (or node packages/api/scripts/gen-known-fields.mjs)
//        node packages/api/scripts/gen-known-fields.mjs --check   (exit 1 if the committed file is stale)
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, "../src/known-fields/generated/known-types.ts");
const require = createRequire(import.meta.url);
const TYPES_DIR = path.dirname(require.resolve("kubernetes-types/package.json"));
const TYPES_VERSION = JSON.parse(fs.readFileSync(path.join(TYPES_DIR, "package.json"), "utf8")).version;

/** The request bodies the API server decodes: each served kind in each served version, and subresource bodies. */
const ROOTS = [
  ["", "v1", "core/v1", ["Namespace", "Pod", "Service", "Endpoints", "Node", "ConfigMap", "Secret"]],
  ["", "v1", "core/v1", ["ServiceAccount", "PersistentVolume", "PersistentVolumeClaim", "Event", "Binding"]],
  ["apps", "v1", "apps/v1", ["Deployment", "ReplicaSet", "DaemonSet"]],
  ["autoscaling", "v1", "autoscaling/v1", ["HorizontalPodAutoscaler", "Scale"]],
  ["autoscaling", "v2", "autoscaling/v2", ["HorizontalPodAutoscaler"]],
  ["discovery.k8s.io", "v1", "discovery/v1", ["EndpointSlice"]],
  ["coordination.k8s.io", "v1", "coordination/v1", ["Lease"]],
  ["storage.k8s.io", "v1", "storage/v1", ["StorageClass"]],
  ["certificates.k8s.io", "v1", "certificates/v1", ["CertificateSigningRequest"]],
  ["authorization.k8s.io", "v1", "authorization/v1", ["SelfSubjectAccessReview"]],
  ["authentication.k8s.io", "v1", "authentication/v1", ["SelfSubjectReview"]],
  ["policy", "v1", "policy/v1", ["Eviction"]],
  // DeleteOptions is registered in every group version; the lookup falls back to this one.
  ["meta.k8s.io", "v1", "meta/v1", ["DeleteOptions"]],
];

/**
 * Fields of the served kinds that Kubernetes 1.31 and 1.32 have and kubernetes-types 1.30.0 lacks (found
 * by comparing it with the descriptors embedded in kubectl 1.30, 1.31 and 1.32), written as d.ts types.
 * A name without a module is looked up in the entry's own module.
 */
const K8S_1_32 = {
  // 1.32: pod-level resources (PodLevelResources, alpha) and SELinuxChangePolicy.
  "core/v1.PodSpec": { resources: "ResourceRequirements" },
  "core/v1.PodSecurityContext": { supplementalGroupsPolicy: "string", seLinuxChangePolicy: "string" },
  // 1.31: image volumes, container user and device health in status, node features.
  "core/v1.Volume": { image: "ImageVolumeSource" },
  "core/v1.ImageVolumeSource": { pullPolicy: "string", reference: "string" },
  "core/v1.ContainerStatus": { allocatedResourcesStatus: "Array<ResourceStatus>", user: "ContainerUser" },
  "core/v1.ContainerUser": { linux: "LinuxContainerUser" },
  "core/v1.LinuxContainerUser": { gid: "number", supplementalGroups: "Array<number>", uid: "number" },
  "core/v1.ResourceStatus": { name: "string", resources: "Array<ResourceHealth>" },
  "core/v1.ResourceHealth": { health: "string", resourceID: "string" },
  "core/v1.NodeStatus": { features: "NodeFeatures" },
  "core/v1.NodeFeatures": { supplementalGroupsPolicy: "boolean" },
  "core/v1.NodeRuntimeHandlerFeatures": { userNamespaces: "boolean" },
  // 1.31: dynamic resource allocation v1alpha3 reshaped pod resource claims.
  "core/v1.PodResourceClaim": { resourceClaimName: "string", resourceClaimTemplateName: "string" },
  "core/v1.ResourceClaim": { request: "string" },
  // 1.31: authorizing with field and label selectors.
  "authorization/v1.ResourceAttributes": {
    fieldSelector: "FieldSelectorAttributes",
    labelSelector: "LabelSelectorAttributes",
  },
  "authorization/v1.FieldSelectorAttributes": {
    rawSelector: "string",
    requirements: "Array<meta/v1.FieldSelectorRequirement>",
  },
  "authorization/v1.LabelSelectorAttributes": {
    rawSelector: "string",
    requirements: "Array<meta/v1.LabelSelectorRequirement>",
  },
  "meta/v1.FieldSelectorRequirement": { key: "string", operator: "string", values: "Array<string>" },
  // kubernetes-types lost these two (their doc comments contain "*/"); Kubernetes has had them all along.
  "authorization/v1.ResourceRule": { resources: "Array<string>", verbs: "Array<string>" },
  // 1.32: unsafe deletion of corrupt objects.
  "meta/v1.DeleteOptions": { ignoreStoreReadErrorWithClusterBreakingPotential: "boolean" },
  // 1.31: coordinated leader election.
  "coordination/v1.LeaseSpec": { preferredHolder: "string", strategy: "string" },
};

/** Fields kubernetes-types 1.30.0 has that Kubernetes 1.32 no longer decodes. */
const REMOVED_BY_1_32 = {
  // 1.31 replaced `source` (ClaimSource) with resourceClaimName/resourceClaimTemplateName.
  "core/v1.PodResourceClaim": ["source"],
};

/** Go types with their own JSON form: a value of any shape (arbitrary JSON) or a scalar string form. */
const LEAVES = {
  "runtime.RawExtension": "any",
  "meta/v1.FieldsV1": "any",
  "apiextensions/v1.JSON": "any",
  "meta/v1.Time": "time",
  "meta/v1.MicroTime": "time",
  "api/resource.Quantity": "quantity",
};

/** Every interface of every .d.ts module: "core/v1.Pod" → { module, fields: Map(jsonName → d.ts type) }. */
function readTypes() {
  const types = new Map();
  const imports = new Map(); // module → Map(imported name → module)
  for (const file of dtsFiles(TYPES_DIR)) {
    const module = path.relative(TYPES_DIR, file).replace(/\.d\.ts$/, "");
    const text = fs.readFileSync(file, "utf8").replace(/\/\*\*[\s\S]*?\*\//g, "");
    const imported = new Map();
    for (const m of text.matchAll(/^import \{ ([^}]+) \} from "\.\.\/([^"]+)";$/gm)) {
      for (const name of m[1].split(",")) imported.set(name.trim(), m[2]);
    }
    imports.set(module, imported);
    for (const m of text.matchAll(/^export interface (\w+) \{\n([\s\S]*?)^\}/gm)) {
      types.set(`${module}.${m[1]}`, { module, fields: parseFields(m[2]) });
    }
  }
  return { types, imports };
}

function* dtsFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") yield* dtsFiles(p);
    else if (entry.name.endsWith(".d.ts")) yield p;
  }
}

/** One field per line; free-form maps (`{ [name: string]: T; }`) spread over lines are joined first. */
function parseFields(body) {
  const fields = new Map();
  const joined = body.replace(/\{\s*\[name: string\]: ([^;]+);\s*\}/g, "Record<$1>");
  for (const line of joined.split("\n")) {
    if (line.trim() === "") continue;
    const m = line.match(/^\s+(?:readonly )?("[^"]+"|[\w$-]+)\??: (.+);$/);
    if (m === null) throw new Error(`unparsed d.ts line: ${line}`);
    fields.set(m[1].replace(/^"|"$/g, ""), m[2]);
  }
  return fields;
}

function applyKubernetes132(types) {
  for (const [name, added] of Object.entries(K8S_1_32)) {
    const module = name.slice(0, name.lastIndexOf("."));
    const entry = types.get(name) ?? { module, fields: new Map() };
    for (const [field, type] of Object.entries(added)) {
      if (entry.fields.has(field))
        throw new Error(`${name}.${field} is already in kubernetes-types: drop it from K8S_1_32`);
      entry.fields.set(field, type);
    }
    types.set(name, entry);
  }
  for (const [name, removed] of Object.entries(REMOVED_BY_1_32)) {
    for (const field of removed) {
      if (types.get(name)?.fields.delete(field) !== true)
        throw new Error(`${name}.${field} is not there to remove`);
    }
  }
}

/**
 * The compact form of a d.ts field type: "string" | "number" | "boolean" | "int-or-string" | "quantity" |
 * "time" | "any" (leaves), "[]" + item form, "{}" + value form, or a type name ("core/v1.PodSpec").
 */
function encode(typeText, module, ctx) {
  const t = typeText.trim();
  if (t === "string" || t === "number" || t === "boolean") return t;
  if (/^"[^"]*"$/.test(t)) return "string"; // apiVersion/kind literals
  if (t === "number | string") return "int-or-string";
  const array = t.match(/^Array<(.+)>$/);
  if (array) return `[]${encode(array[1], module, ctx)}`;
  const record = t.match(/^Record<(.+)>$/);
  if (record) return `{}${encode(record[1], module, ctx)}`;
  if (!/^[\w/]+(\.\w+)?$/.test(t)) throw new Error(`unhandled d.ts type ${t} in ${module}`);
  const qualified = t.includes(".") ? t : `${ctx.imports.get(module)?.get(t) ?? module}.${t}`;
  const leaf = LEAVES[qualified];
  if (leaf !== undefined) return leaf;
  if (!ctx.types.has(qualified)) throw new Error(`unknown type ${qualified} (from ${module})`);
  ctx.reach(qualified);
  return qualified;
}

function build() {
  const { types, imports } = readTypes();
  applyKubernetes132(types);
  const out = new Map();
  const pending = [];
  const ctx = {
    types,
    imports,
    reach(name) {
      if (!out.has(name)) {
        out.set(name, null);
        pending.push(name);
      }
    },
  };
  const kinds = [];
  for (const [group, version, module, names] of ROOTS) {
    for (const kind of names) {
      const name = `${module}.${kind}`;
      if (!types.has(name)) throw new Error(`no interface ${name}`);
      ctx.reach(name);
      kinds.push([`${group}/${version}/${kind}`, name]);
    }
  }
  while (pending.length > 0) {
    const name = pending.pop();
    const { module, fields } = types.get(name);
    // An empty interface is a Go type with its own JSON form; each one reached must be listed in LEAVES.
    if (fields.size === 0) throw new Error(`${name} has no fields: add it to LEAVES if it is free-form`);
    const encoded = {};
    for (const field of [...fields.keys()].sort()) encoded[field] = encode(fields.get(field), module, ctx);
    out.set(name, encoded);
  }
  return { kinds, types: [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
}

function render({ kinds, types }) {
  const lines = [
    `// Generated by packages/api/scripts/gen-known-fields.mjs from kubernetes-types ${TYPES_VERSION} plus the`,
    "// fields Kubernetes 1.31/1.32 added; do not edit. Regenerate: npm run gen:known-fields -w @tskube/api",
    'import type { KnownKinds, KnownTypes } from "../model.js";',
    "",
    "export const KNOWN_KINDS: KnownKinds = {",
    ...kinds.map(([key, name]) => `  ${JSON.stringify(key)}: ${JSON.stringify(name)},`),
    "};",
    "",
    "export const KNOWN_TYPES: KnownTypes = {",
    ...types.map(([name, fields]) => `  ${JSON.stringify(name)}: ${JSON.stringify(fields)},`),
    "};",
    "",
  ];
  return lines.join("\n");
}

const result = build();
const text = render(result);
const where = path.relative(process.cwd(), OUT);
if (process.argv.includes("--check")) {
  const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, "utf8") : "";
  if (current !== text) {
    console.error(`${where} is stale: run npm run gen:known-fields -w @tskube/api`);
    process.exit(1);
  }
  console.log(`${where} is up to date`);
} else {
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
  console.log(`wrote ${where}: ${result.kinds.length} kinds, ${result.types.length} types`);
}
