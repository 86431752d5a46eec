// core/v1 ConfigMap defaults. Kubernetes 1.32 defines none; the function exists so the registry can
// default every kind the same way, and still returns a copy.
import type { ConfigMap } from "kubernetes-types/core/v1.js";
import { deepCopy } from "./copy.js";

export function defaultConfigMap(configMap: ConfigMap): ConfigMap {
  return deepCopy(configMap);
}
