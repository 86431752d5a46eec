import path from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

// src/protobuf and dist/protobuf sit at the same depth, so one relative path finds the repo's proto/ from both.
const PROTO_ROOT = fileURLToPath(new URL("../../../../proto/", import.meta.url));

/** One file per proto package; the apimachinery ones come in through their imports. */
const FILES = [
  "k8s/apimachinery/runtime.proto",
  "k8s/apimachinery/meta-v1.proto",
  "k8s/api/core-v1.proto",
  "k8s/api/apps-v1.proto",
  "k8s/api/autoscaling-v1.proto",
  "k8s/api/autoscaling-v2.proto",
  "k8s/api/authorization-v1.proto",
  "k8s/api/authentication-v1.proto",
  "k8s/api/policy-v1.proto",
  "k8s/api/batch-v1.proto",
  "k8s/api/rbac-v1.proto",
  "k8s/api/networking-v1.proto",
  "k8s/api/scheduling-v1.proto",
  "k8s/api/certificates-v1.proto",
];

let root: protobuf.Root | undefined;

/**
 * The Kubernetes messages, parsed once on first use (a few tens of milliseconds). keepCase keeps the proto
 * field names, which Kubernetes already writes in the JSON API's lowerCamel form.
 */
export function k8sSchema(): protobuf.Root {
  if (root === undefined) {
    const loaded = new protobuf.Root();
    loaded.resolvePath = (_origin, target) =>
      path.isAbsolute(target) ? target : path.join(PROTO_ROOT, target);
    loaded.loadSync(FILES, { keepCase: true });
    loaded.resolveAll();
    root = loaded;
  }
  return root;
}

/** A message type by its full proto name ("k8s.io.api.apps.v1.Deployment"). */
export function messageType(fullName: string): protobuf.Type {
  return k8sSchema().lookupType(fullName);
}
