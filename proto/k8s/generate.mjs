#!/usr/bin/env node
// Writes proto/k8s/**.proto: the Kubernetes protobuf wire contract (package names, message names, field
// names and numbers) for the kinds kubectl writes with its typed clients, and every message they reach.
//
// Why generated, and from a kubectl binary: kubectl 1.32 sends these kinds as protobuf (research/kubectl.md
// §2), so the numbers must be exactly its own. Its Go binary embeds each generated.proto as a gzipped
// FileDescriptorProto (gogo registers them), which is the contract of that exact release, with no comments.
// Keeping whole messages (never a hand-picked subset) matters: a field missing here is dropped silently.
//
// Usage: node proto/k8s/generate.mjs [/path/to/kubectl-1.32]   (default: the gcloud SDK's kubectl.1.32)
// To cover a new kind, add it to ROOTS and run again.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const require = createRequire(import.meta.url);
const { FileDescriptorProto } = require("protobufjs/ext/descriptor");

const HERE = path.dirname(fileURLToPath(import.meta.url));
const KUBECTL = process.argv[2] ?? "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";

/** The kinds kubectl 1.32 sends with typed clients (create <kind>, run, autoscale, auth, drain, token, …). */
const ROOTS = {
  "k8s.io.api.core.v1": [
    "Namespace",
    "ConfigMap",
    "Secret",
    "Service",
    "ServiceAccount",
    "Pod",
    "Node",
    "Event",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "ResourceQuota",
  ],
  "k8s.io.api.apps.v1": ["Deployment", "ReplicaSet", "DaemonSet"],
  "k8s.io.api.autoscaling.v1": ["HorizontalPodAutoscaler", "Scale"],
  "k8s.io.api.autoscaling.v2": ["HorizontalPodAutoscaler"],
  "k8s.io.api.authorization.v1": ["SelfSubjectAccessReview", "SelfSubjectRulesReview"],
  "k8s.io.api.authentication.v1": ["SelfSubjectReview", "TokenRequest"],
  "k8s.io.api.policy.v1": ["Eviction", "PodDisruptionBudget"],
  "k8s.io.api.batch.v1": ["Job", "CronJob"],
  "k8s.io.api.rbac.v1": ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"],
  "k8s.io.api.networking.v1": ["Ingress"],
  "k8s.io.api.scheduling.v1": ["PriorityClass"],
  "k8s.io.api.certificates.v1": ["CertificateSigningRequest"],
  "k8s.io.apimachinery.pkg.apis.meta.v1": ["DeleteOptions", "Status"],
  "k8s.io.apimachinery.pkg.runtime": ["Unknown"],
};

const APIMACHINERY_FILES = {
  "k8s.io.apimachinery.pkg.apis.meta.v1": "meta-v1",
  "k8s.io.apimachinery.pkg.runtime": "runtime",
  "k8s.io.apimachinery.pkg.util.intstr": "intstr",
  "k8s.io.apimachinery.pkg.api.resource": "resource",
};

/** proto/-relative file of a proto package: k8s/api/<group>-<version>.proto or k8s/apimachinery/<name>.proto. */
function fileOf(pkg) {
  if (pkg.startsWith("k8s.io.api.")) {
    const [group, version] = pkg.slice("k8s.io.api.".length).split(".");
    return `k8s/api/${group}-${version}.proto`;
  }
  const name = APIMACHINERY_FILES[pkg];
  if (name === undefined) throw new Error(`no file chosen for package ${pkg}`);
  return `k8s/apimachinery/${name}.proto`;
}

/** Every FileDescriptorProto gzipped inside the binary (each one a separate gzip member). */
function embeddedDescriptors(binary) {
  const buf = fs.readFileSync(binary);
  const magic = Buffer.from([0x1f, 0x8b, 0x08, 0x00]);
  const files = [];
  for (let i = buf.indexOf(magic); i >= 0; i = buf.indexOf(magic, i + 4)) {
    try {
      // Raw inflate after the 10-byte header stops at this member's end; gunzip would run on into the next.
      const raw = zlib.inflateRawSync(buf.subarray(i + 10, i + 4_000_000), {
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
      });
      const fd = FileDescriptorProto.toObject(FileDescriptorProto.decode(raw));
      if (typeof fd.name === "string" && fd.name.endsWith(".proto") && fd.package?.startsWith("k8s.io.")) {
        files.push(fd);
      }
    } catch {
      // Not a descriptor (other gzipped data in the binary).
    }
  }
  return files;
}

const SCALARS = {
  1: "double",
  2: "float",
  3: "int64",
  4: "uint64",
  5: "int32",
  6: "fixed64",
  7: "fixed32",
  8: "bool",
  9: "string",
  12: "bytes",
  13: "uint32",
  15: "sfixed32",
  16: "sfixed64",
  17: "sint32",
  18: "sint64",
};
const LABEL_REPEATED = 3;
const TYPE_ENUM = 14;

const descriptors = embeddedDescriptors(KUBECTL);
const messages = new Map(); // ".pkg.Name" -> { pkg, msg }
for (const fd of descriptors) {
  for (const msg of fd.messageType ?? [])
    messages.set(`.${fd.package}.${msg.name}`, { pkg: fd.package, msg });
}

const mapEntryOf = (full, msg, typeName) =>
  (msg.nestedType ?? []).find((n) => `${full}.${n.name}` === typeName && n.options?.mapEntry);

const kept = new Set();
function keep(full) {
  if (kept.has(full)) return;
  const entry = messages.get(full);
  if (entry === undefined) throw new Error(`${full} is not in ${KUBECTL}`);
  kept.add(full);
  for (const field of entry.msg.field ?? []) {
    if (field.type === TYPE_ENUM) throw new Error(`${full}.${field.name} is an enum: not handled`);
    if (field.typeName === undefined) continue;
    const entryType = mapEntryOf(full, entry.msg, field.typeName);
    if (entryType === undefined) keep(field.typeName);
    else for (const f of entryType.field) if (f.typeName !== undefined) keep(f.typeName);
  }
}
for (const [pkg, kinds] of Object.entries(ROOTS)) for (const kind of kinds) keep(`.${pkg}.${kind}`);

function typeRef(pkg, typeName, imports) {
  const owner = typeName.slice(1, typeName.lastIndexOf("."));
  if (owner === pkg) return typeName.slice(typeName.lastIndexOf(".") + 1);
  imports.add(fileOf(owner));
  return typeName.slice(1);
}

const byPackage = new Map();
for (const fd of descriptors) {
  for (const msg of fd.messageType ?? []) {
    if (!kept.has(`.${fd.package}.${msg.name}`)) continue;
    if (!byPackage.has(fd.package)) byPackage.set(fd.package, { source: fd.name, list: [] });
    byPackage.get(fd.package).list.push(msg);
  }
}

for (const [pkg, { source, list }] of byPackage) {
  const imports = new Set();
  const body = [];
  for (const msg of list) {
    const full = `.${pkg}.${msg.name}`;
    body.push(`message ${msg.name} {`);
    for (const field of msg.field ?? []) {
      const entryType = field.typeName === undefined ? undefined : mapEntryOf(full, msg, field.typeName);
      if (entryType !== undefined) {
        const [key, value] = entryType.field;
        const valueType =
          value.typeName === undefined ? SCALARS[value.type] : typeRef(pkg, value.typeName, imports);
        body.push(`  map<${SCALARS[key.type]}, ${valueType}> ${field.name} = ${field.number};`);
      } else {
        const type =
          field.typeName === undefined ? SCALARS[field.type] : typeRef(pkg, field.typeName, imports);
        const label = field.label === LABEL_REPEATED ? "repeated" : "optional";
        body.push(`  ${label} ${type} ${field.name} = ${field.number};`);
      }
    }
    body.push("}", "");
  }
  const header = [
    `// Kubernetes v1.32 wire contract of ${pkg} (${source}): the messages reachable from the kinds`,
    "// tskube decodes. Generated by proto/k8s/generate.mjs from the descriptors embedded in kubectl 1.32;",
    "// edit that script, not this file.",
    'syntax = "proto2";',
    "",
    `package ${pkg};`,
    "",
  ];
  const importLines = [...imports].sort().map((i) => `import "${i}";`);
  const text = [...header, ...importLines, ...(importLines.length > 0 ? [""] : []), ...body].join("\n");
  const out = path.join(HERE, "..", fileOf(pkg));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${text.trimEnd()}\n`);
  console.log(`${fileOf(pkg)}: ${list.length} messages`);
}
