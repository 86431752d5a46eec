import { createHash } from "node:crypto";
import { GIT_VERSION } from "../discovery/index.js";
import { groupVersionPath, groupVersions } from "../registry/index.js";
import { type Operation, type OperationBody, type OperationResponse, operationsOf } from "./operations.js";
import { PARAMS, type QueryParam } from "./parameters.js";
import { schemaName } from "./schema-names.js";
import { kindSchema, listSchema, metaSchemas, type Schema } from "./schemas.js";

// OpenAPI v3: the root (/openapi/v3) lists one document per group-version with a ?hash= of its content,
// and each document (/openapi/v3/apis/apps/v1) describes that group-version's operations. kubectl's HTTP
// cache keys on the hash, so it is the SHA-512 of the exact bytes served (as kube-openapi computes it).

const PREFIX = "#/components/schemas/";

export interface OpenApiV3Document {
  readonly openapi: "3.0.0";
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, Schema>> };
}

export interface OpenApiV3Root {
  readonly paths: Readonly<Record<string, { readonly serverRelativeURL: string }>>;
}

function pathParam(name: "namespace" | "name"): Record<string, unknown> {
  const description =
    name === "name" ? "name of the object" : "object name and auth scope, such as for teams and projects";
  return { name, in: "path", description, required: true, schema: { type: "string", uniqueItems: true } };
}

function queryParam(p: QueryParam): Record<string, unknown> {
  return {
    name: p.name,
    in: "query",
    description: p.description,
    schema: { type: p.type, uniqueItems: true },
  };
}

function content(schema: string | undefined, types: readonly string[]): Record<string, unknown> {
  const body = schema === undefined ? { type: "string" } : { $ref: `${PREFIX}${schema}` };
  return Object.fromEntries(types.map((t) => [t, { schema: body }]));
}

function requestBody(body: OperationBody): Record<string, unknown> {
  return { content: content(body.schema, body.contentTypes), required: true };
}

function responses(list: readonly OperationResponse[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of list)
    out[r.code] = { description: r.description, content: content(r.schema, r.contentTypes) };
  out["401"] = { description: "Unauthorized" };
  return out;
}

function operation(op: Operation): Record<string, unknown> {
  return {
    tags: [op.tag],
    description: op.description,
    operationId: op.operationId,
    ...(op.query.length === 0 ? {} : { parameters: op.query.map(queryParam) }),
    ...(op.body === undefined ? {} : { requestBody: requestBody(op.body) }),
    responses: responses(op.responses),
    "x-kubernetes-action": op.action,
    "x-kubernetes-group-version-kind": { group: op.gvk.group, version: op.gvk.version, kind: op.gvk.kind },
  };
}

function schemasFor(ops: readonly Operation[]): Record<string, Schema> {
  const schemas: Record<string, Schema> = {};
  for (const op of ops) {
    schemas[schemaName(op.gvk)] ??= kindSchema(op.gvk, PREFIX);
    if (op.action === "list") schemas[`${schemaName(op.gvk)}List`] ??= listSchema(op.gvk, PREFIX);
  }
  return { ...schemas, ...metaSchemas() };
}

/** The v3 document of one group-version. */
export function openApiV3Document(group: string, version: string): OpenApiV3Document {
  const ops = operationsOf(group, version);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) {
    paths[op.path] ??= { parameters: [...op.pathParams.map(pathParam), queryParam(PARAMS.pretty)] };
    const item = paths[op.path]!;
    item[op.method] = operation(op);
  }
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: GIT_VERSION },
    paths,
    components: { schemas: schemasFor(ops) },
  };
}

interface Served {
  readonly body: string;
  readonly hash: string;
}

/** "api/v1", "apis/apps/v1": the key of a group-version in the root and its URL under /openapi/v3/. */
export function openApiV3Key(group: string, version: string): string {
  return groupVersionPath(group, version).slice(1);
}

function build(): ReadonlyMap<string, Served> {
  const docs = new Map<string, Served>();
  for (const { group, version } of groupVersions()) {
    const body = JSON.stringify(openApiV3Document(group, version));
    const hash = createHash("sha512").update(body).digest("hex").toUpperCase();
    docs.set(openApiV3Key(group, version), { body, hash });
  }
  return docs;
}

let served: ReadonlyMap<string, Served> | undefined;

/** The serialized documents by key, built once: the table is static, so are the documents and hashes. */
export function servedV3Documents(): ReadonlyMap<string, Served> {
  served ??= build();
  return served;
}

/** GET /openapi/v3. */
export function openApiV3Root(): OpenApiV3Root {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [key, doc] of servedV3Documents()) {
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${doc.hash}` };
  }
  return { paths };
}
