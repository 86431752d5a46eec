// URL paths of the Kubernetes API, parsed into what a handler needs. Namespaces are both a resource and
// a scope: /api/v1/namespaces/NS/status is the namespace's subresource, /api/v1/namespaces/NS/pods a
// collection inside it.

export type Route =
  | { readonly type: "version" }
  | { readonly type: "health"; readonly path: string }
  | { readonly type: "apiRoot" }
  | { readonly type: "apisRoot" }
  | { readonly type: "groupVersion"; readonly group: string; readonly version: string }
  | { readonly type: "group"; readonly group: string }
  | { readonly type: "openapi"; readonly path: string }
  | {
      readonly type: "resource";
      readonly group: string;
      readonly version: string;
      readonly namespace?: string;
      readonly resource: string;
      readonly name?: string;
      readonly subresource?: string;
    }
  | { readonly type: "unknown" };

const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);

export function parseRoute(pathname: string): Route {
  const parts = pathname
    .split("/")
    .filter((p) => p !== "")
    .map(decodeURIComponent);
  const [first, ...rest] = parts;
  if (first === undefined) return { type: "unknown" };
  if (first === "version" && rest.length === 0) return { type: "version" };
  if (["healthz", "livez", "readyz"].includes(first)) return { type: "health", path: pathname };
  if (first === "openapi") return { type: "openapi", path: pathname };
  if (first === "api") {
    if (rest.length === 0) return { type: "apiRoot" };
    const [version, ...tail] = rest;
    return resourceRoute("", version ?? "", tail);
  }
  if (first === "apis") {
    if (rest.length === 0) return { type: "apisRoot" };
    const [group, version, ...tail] = rest;
    if (version === undefined) return { type: "group", group: group ?? "" };
    return resourceRoute(group ?? "", version, tail);
  }
  return { type: "unknown" };
}

function resourceRoute(group: string, version: string, tail: string[]): Route {
  if (tail.length === 0) return { type: "groupVersion", group, version };
  let namespace: string | undefined;
  let rest = tail;
  if (
    tail[0] === "namespaces" &&
    tail.length >= 3 &&
    !(tail.length === 3 && NAMESPACE_SUBRESOURCES.has(tail[2]!))
  ) {
    namespace = tail[1];
    rest = tail.slice(2);
  }
  const [resource, name, subresource, ...extra] = rest;
  if (resource === undefined || extra.length > 0) return { type: "unknown" };
  return {
    type: "resource",
    group,
    version,
    resource,
    ...(namespace === undefined ? {} : { namespace }),
    ...(name === undefined ? {} : { name }),
    ...(subresource === undefined ? {} : { subresource }),
  };
}
