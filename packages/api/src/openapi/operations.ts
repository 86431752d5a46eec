import type { GroupVersionKind, ResourceInfo, SubresourceInfo } from "../registry/index.js";
import { groupVersionPath, resourcesIn, subresourceResponseKind } from "../registry/index.js";
import {
  DELETE_COLLECTION_PARAMS,
  DELETE_PARAMS,
  EXEC_PARAMS,
  LIST_PARAMS,
  LOG_PARAMS,
  PATCH_PARAMS,
  type QueryParam,
  WRITE_PARAMS,
} from "./parameters.js";
import { DELETE_OPTIONS, PATCH, STATUS, schemaName } from "./schema-names.js";

// The operations of one group-version, derived from the resource table, in a form both OpenAPI v3 and
// v2 render. Every PATCH carries x-kubernetes-group-version-kind and the fieldValidation parameter:
// that is how kubectl decides the server validates fields itself (research §1.5). Strategic merge patch
// is deliberately not among the PATCH content types, since no real schemas back it (trap §8.5).

export type HttpMethod = "get" | "put" | "post" | "delete" | "patch";
export type Action = "get" | "list" | "post" | "put" | "patch" | "delete" | "deletecollection" | "connect";

export interface OperationBody {
  /** Component schema name. */
  readonly schema: string;
  readonly contentTypes: readonly string[];
}

export interface OperationResponse {
  readonly code: string;
  readonly description: string;
  /** Component schema name; undefined for a plain string answer (logs, exec). */
  readonly schema: string | undefined;
  readonly contentTypes: readonly string[];
}

export interface Operation {
  readonly path: string;
  readonly method: HttpMethod;
  readonly action: Action;
  readonly operationId: string;
  readonly description: string;
  readonly tag: string;
  readonly gvk: GroupVersionKind;
  readonly pathParams: readonly ("namespace" | "name")[];
  readonly query: readonly QueryParam[];
  readonly body: OperationBody | undefined;
  readonly responses: readonly OperationResponse[];
}

export const OBJECT_CONTENT_TYPES: readonly string[] = [
  "application/json",
  "application/yaml",
  "application/vnd.kubernetes.protobuf",
];
const LIST_CONTENT_TYPES: readonly string[] = [
  ...OBJECT_CONTENT_TYPES,
  "application/json;stream=watch",
  "application/vnd.kubernetes.protobuf;stream=watch",
];
export const PATCH_CONTENT_TYPES: readonly string[] = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/apply-patch+yaml",
];
const ANY_BODY: readonly string[] = ["*/*"];
const TEXT: readonly string[] = ["text/plain", "application/json", "application/yaml"];

function camel(word: string): string {
  return word.length === 0 ? word : word[0]!.toUpperCase() + word.slice(1);
}

/** "apps" → "Apps", "" → "Core", "authorization.k8s.io" → "Authorization", "metrics.k8s.io" → "Metrics". */
function groupWord(group: string): string {
  if (group === "") return "Core";
  return group
    .replace(/\.k8s\.io$/, "")
    .split(".")
    .map(camel)
    .join("");
}

/** The tag operations are grouped under: "core_v1", "apps_v1", "authorization_v1". */
function tagOf(group: string, version: string): string {
  const word = groupWord(group);
  return `${word[0]!.toLowerCase()}${word.slice(1)}_${version}`;
}

function objectResponses(schema: string, codes: readonly string[]): OperationResponse[] {
  const descriptions: Readonly<Record<string, string>> = { "200": "OK", "201": "Created", "202": "Accepted" };
  return codes.map((code) => ({
    code,
    description: descriptions[code] ?? code,
    schema,
    contentTypes: OBJECT_CONTENT_TYPES,
  }));
}

interface Scope {
  readonly info: ResourceInfo;
  readonly version: string;
  readonly tag: string;
  /** Words of operation ids: "CoreV1", and "Namespaced" or "". */
  readonly gv: string;
  readonly ns: string;
  readonly collection: string;
  readonly item: string;
  readonly collectionParams: readonly ("namespace" | "name")[];
  readonly itemParams: readonly ("namespace" | "name")[];
}

function scopeOf(info: ResourceInfo, version: string): Scope {
  const base = groupVersionPath(info.group, version);
  const collection = info.namespaced
    ? `${base}/namespaces/{namespace}/${info.resource}`
    : `${base}/${info.resource}`;
  return {
    info,
    version,
    tag: tagOf(info.group, version),
    gv: `${groupWord(info.group)}${camel(version)}`,
    ns: info.namespaced ? "Namespaced" : "",
    collection,
    item: `${collection}/{name}`,
    collectionParams: info.namespaced ? ["namespace"] : [],
    itemParams: info.namespaced ? ["namespace", "name"] : ["name"],
  };
}

function resourceOperations(s: Scope): Operation[] {
  const { info, version } = s;
  const gvk: GroupVersionKind = { group: info.group, version, kind: info.kind };
  const kind = schemaName(gvk);
  const list = `${kind}List`;
  const verbs = new Set(info.verbs);
  const ops: Operation[] = [];
  const op = (o: Omit<Operation, "tag" | "gvk">): void => {
    ops.push({ ...o, tag: s.tag, gvk });
  };
  const named = `${s.ns}${info.kind}`;
  if (verbs.has("list")) {
    op({
      path: s.collection,
      method: "get",
      action: "list",
      operationId: `list${s.gv}${named}`,
      description: `list or watch objects of kind ${info.kind}`,
      pathParams: s.collectionParams,
      query: LIST_PARAMS,
      body: undefined,
      responses: [{ code: "200", description: "OK", schema: list, contentTypes: LIST_CONTENT_TYPES }],
    });
    if (info.namespaced) {
      op({
        path: `${groupVersionPath(info.group, version)}/${info.resource}`,
        method: "get",
        action: "list",
        operationId: `list${s.gv}${info.kind}ForAllNamespaces`,
        description: `list or watch objects of kind ${info.kind} in every namespace`,
        pathParams: [],
        query: LIST_PARAMS,
        body: undefined,
        responses: [{ code: "200", description: "OK", schema: list, contentTypes: LIST_CONTENT_TYPES }],
      });
    }
  }
  if (verbs.has("create")) {
    op({
      path: s.collection,
      method: "post",
      action: "post",
      operationId: `create${s.gv}${named}`,
      description: `create ${article(info.kind)} ${info.kind}`,
      pathParams: s.collectionParams,
      query: WRITE_PARAMS,
      body: { schema: kind, contentTypes: ANY_BODY },
      responses: objectResponses(kind, ["200", "201", "202"]),
    });
  }
  if (verbs.has("deletecollection")) {
    op({
      path: s.collection,
      method: "delete",
      action: "deletecollection",
      operationId: `delete${s.gv}Collection${named}`,
      description: `delete a collection of ${info.kind}`,
      pathParams: s.collectionParams,
      query: DELETE_COLLECTION_PARAMS,
      body: { schema: DELETE_OPTIONS, contentTypes: ANY_BODY },
      responses: objectResponses(STATUS, ["200"]),
    });
  }
  if (verbs.has("get")) {
    op({
      path: s.item,
      method: "get",
      action: "get",
      operationId: `read${s.gv}${named}`,
      description: `read the specified ${info.kind}`,
      pathParams: s.itemParams,
      query: [],
      body: undefined,
      responses: objectResponses(kind, ["200"]),
    });
  }
  if (verbs.has("update")) {
    op({
      path: s.item,
      method: "put",
      action: "put",
      operationId: `replace${s.gv}${named}`,
      description: `replace the specified ${info.kind}`,
      pathParams: s.itemParams,
      query: WRITE_PARAMS,
      body: { schema: kind, contentTypes: ANY_BODY },
      responses: objectResponses(kind, ["200", "201"]),
    });
  }
  if (verbs.has("patch")) {
    op({
      path: s.item,
      method: "patch",
      action: "patch",
      operationId: `patch${s.gv}${named}`,
      description: `partially update the specified ${info.kind}`,
      pathParams: s.itemParams,
      query: PATCH_PARAMS,
      body: { schema: PATCH, contentTypes: PATCH_CONTENT_TYPES },
      responses: objectResponses(kind, ["200", "201"]),
    });
  }
  if (verbs.has("delete")) {
    op({
      path: s.item,
      method: "delete",
      action: "delete",
      operationId: `delete${s.gv}${named}`,
      description: `delete ${article(info.kind)} ${info.kind}`,
      pathParams: s.itemParams,
      query: DELETE_PARAMS,
      body: { schema: DELETE_OPTIONS, contentTypes: ANY_BODY },
      responses: objectResponses(kind, ["200", "202"]),
    });
  }
  return ops;
}

function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? "an" : "a";
}

function subresourceOperations(s: Scope, sub: SubresourceInfo): Operation[] {
  const { info, version } = s;
  const gvk = subresourceResponseKind(sub, version);
  const kind = schemaName(gvk);
  const path = `${s.item}/${sub.name}`;
  const id = `${s.gv}${s.ns}${info.kind}${camel(sub.name)}`;
  const common = { path, tag: s.tag, gvk, pathParams: s.itemParams };
  const verbs = new Set(sub.verbs);
  const ops: Operation[] = [];
  if (sub.name === "log") {
    ops.push({
      ...common,
      method: "get",
      action: "get",
      operationId: `read${id}`,
      description: `read log of the specified ${info.kind}`,
      query: LOG_PARAMS,
      body: undefined,
      responses: [{ code: "200", description: "OK", schema: undefined, contentTypes: TEXT }],
    });
    return ops;
  }
  if (sub.name === "exec") {
    for (const method of ["get", "post"] as const) {
      ops.push({
        ...common,
        method,
        action: "connect",
        operationId: `connect${s.gv}${camel(method)}${s.ns}${info.kind}Exec`,
        description: `connect ${method.toUpperCase()} requests to exec of ${info.kind}`,
        query: EXEC_PARAMS,
        body: undefined,
        responses: [{ code: "200", description: "OK", schema: undefined, contentTypes: ["*/*"] }],
      });
    }
    return ops;
  }
  if (verbs.has("create")) {
    ops.push({
      ...common,
      method: "post",
      action: "post",
      operationId: `create${id}`,
      description: `create ${sub.name} of ${article(info.kind)} ${info.kind}`,
      query: WRITE_PARAMS,
      body: { schema: kind, contentTypes: ANY_BODY },
      responses: objectResponses(kind, ["200", "201", "202"]),
    });
  }
  if (verbs.has("get")) {
    ops.push({
      ...common,
      method: "get",
      action: "get",
      operationId: `read${id}`,
      description: `read ${sub.name} of the specified ${info.kind}`,
      query: [],
      body: undefined,
      responses: objectResponses(kind, ["200"]),
    });
  }
  if (verbs.has("update")) {
    ops.push({
      ...common,
      method: "put",
      action: "put",
      operationId: `replace${id}`,
      description: `replace ${sub.name} of the specified ${info.kind}`,
      query: WRITE_PARAMS,
      body: { schema: kind, contentTypes: ANY_BODY },
      responses: objectResponses(kind, ["200", "201"]),
    });
  }
  if (verbs.has("patch")) {
    ops.push({
      ...common,
      method: "patch",
      action: "patch",
      operationId: `patch${id}`,
      description: `partially update ${sub.name} of the specified ${info.kind}`,
      query: PATCH_PARAMS,
      body: { schema: PATCH, contentTypes: PATCH_CONTENT_TYPES },
      responses: objectResponses(kind, ["200", "201"]),
    });
  }
  return ops;
}

/** Every operation served in a group-version, resources in name order, subresources after their parent. */
export function operationsOf(group: string, version: string): readonly Operation[] {
  return resourcesIn(group, version).flatMap((info) => {
    const scope = scopeOf(info, version);
    return [
      ...resourceOperations(scope),
      ...info.subresources.flatMap((sub) => subresourceOperations(scope, sub)),
    ];
  });
}
