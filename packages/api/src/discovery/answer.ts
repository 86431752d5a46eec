import { ApiError } from "../errors.js";
import { aggregatedDiscovery } from "./aggregated.js";
import { type HttpAnswer, jsonAnswer, statusAnswer } from "./http-answer.js";
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from "./legacy.js";
import { type AggregatedVersion, aggregatedContentType, JSON_CONTENT_TYPE } from "./media-types.js";
import { negotiateDiscovery } from "./negotiate.js";
import { versionInfo } from "./version.js";

// The discovery endpoints as one function: /version, /api, /apis, /api/<v>, /apis/<g>, /apis/<g>/<v>.
// Returns undefined for any other path, so a server can try it first and fall through to resources.

export interface DiscoveryRequest {
  readonly method: string;
  /** The URL path without query string. */
  readonly path: string;
  readonly accept?: string | undefined;
  /** host:port the client used, echoed in /api's serverAddressByClientCIDRs. */
  readonly host?: string | undefined;
}

const NOT_FOUND = new ApiError("NotFound", "the server could not find the requested resource");
const METHOD_NOT_ALLOWED = new ApiError(
  "MethodNotAllowed",
  "the server does not allow this method on the requested resource",
);

// The table is static, so each aggregated document is serialized once.
const aggregatedCache = new Map<string, string>();

function aggregatedBody(scope: "core" | "groups", version: AggregatedVersion): string {
  const key = `${scope}/${version}`;
  let body = aggregatedCache.get(key);
  if (body === undefined) {
    body = JSON.stringify(aggregatedDiscovery(scope, version));
    aggregatedCache.set(key, body);
  }
  return body;
}

/** Which discovery endpoint a path names, or undefined for a path discovery does not own. */
function route(path: string): string[] | undefined {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  const parts = trimmed.split("/").slice(1);
  if (parts[0] === "version" && parts.length === 1) return parts;
  if (parts[0] === "api" && parts.length <= 2) return parts;
  if (parts[0] === "apis" && parts.length <= 3) return parts;
  return undefined;
}

function answer(parts: readonly string[], req: DiscoveryRequest): HttpAnswer {
  const [root, a, b] = parts;
  if (root === "version") return jsonAnswer(versionInfo());
  if (a === undefined) {
    const form = negotiateDiscovery(req.accept);
    const scope = root === "api" ? "core" : "groups";
    const headers = { vary: "Accept" };
    if (form.form === "aggregated") {
      const body = aggregatedBody(scope, form.version);
      return {
        status: 200,
        headers: { ...headers, "content-type": aggregatedContentType(form.version) },
        body,
      };
    }
    const legacy = root === "api" ? apiVersions(req.host ?? "127.0.0.1") : apiGroupList();
    return {
      status: 200,
      headers: { ...headers, "content-type": JSON_CONTENT_TYPE },
      body: JSON.stringify(legacy),
    };
  }
  if (root === "api") {
    const list = apiResourceList("", a);
    return list === undefined ? statusAnswer(NOT_FOUND) : jsonAnswer(list);
  }
  if (b === undefined) {
    const group = apiGroup(a);
    return group === undefined ? statusAnswer(NOT_FOUND) : jsonAnswer(group);
  }
  const list = apiResourceList(a, b);
  return list === undefined ? statusAnswer(NOT_FOUND) : jsonAnswer(list);
}

/** The answer to a discovery request, or undefined when the path is not a discovery endpoint. */
export function discoveryAnswer(req: DiscoveryRequest): HttpAnswer | undefined {
  const parts = route(req.path);
  if (parts === undefined) return undefined;
  if (req.method !== "GET" && req.method !== "HEAD") return statusAnswer(METHOD_NOT_ALLOWED);
  return answer(parts, req);
}
