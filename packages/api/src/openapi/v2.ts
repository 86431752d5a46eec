import { GIT_VERSION } from "../discovery/index.js";
import { groupVersions } from "../registry/index.js";
import { type Operation, operationsOf } from "./operations.js";
import { PARAMS, type QueryParam } from "./parameters.js";
import { schemaName } from "./schema-names.js";
import { kindSchema, listSchema, metaSchemas, type Schema } from "./schemas.js";

// OpenAPI v2 (/openapi/v2). kubectl asks for it in protobuf, and an empty protobuf Document (an empty
// body) with a Content-Type Go can parse is what makes it fall back to its compiled-in types without
// failing (research §1.5, §8.4). A client asking for JSON gets a Swagger 2.0 document with the same
// operations as the v3 documents, including fieldValidation on every PATCH.

export const OPENAPI_V2_PROTOBUF_CONTENT_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

const PREFIX = "#/definitions/";

export interface SwaggerDocument {
  readonly swagger: "2.0";
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly definitions: Readonly<Record<string, Schema>>;
}

function queryParam(p: QueryParam): Record<string, unknown> {
  return { uniqueItems: true, type: p.type, description: p.description, name: p.name, in: "query" };
}

function pathParam(name: "namespace" | "name"): Record<string, unknown> {
  const description =
    name === "name" ? "name of the object" : "object name and auth scope, such as for teams and projects";
  return { uniqueItems: true, type: "string", description, name, in: "path", required: true };
}

function operation(op: Operation): Record<string, unknown> {
  const body =
    op.body === undefined
      ? []
      : [{ name: "body", in: "body", required: true, schema: { $ref: `${PREFIX}${op.body.schema}` } }];
  const responses: Record<string, unknown> = {};
  for (const r of op.responses) {
    responses[r.code] = {
      description: r.description,
      schema: r.schema === undefined ? { type: "string" } : { $ref: `${PREFIX}${r.schema}` },
    };
  }
  responses["401"] = { description: "Unauthorized" };
  const produces = [...new Set(op.responses.flatMap((r) => r.contentTypes))];
  return {
    description: op.description,
    ...(op.body === undefined ? {} : { consumes: op.body.contentTypes }),
    produces,
    schemes: ["https"],
    tags: [op.tag],
    operationId: op.operationId,
    ...(op.query.length + body.length === 0 ? {} : { parameters: [...body, ...op.query.map(queryParam)] }),
    responses,
    "x-kubernetes-action": op.action,
    "x-kubernetes-group-version-kind": { group: op.gvk.group, kind: op.gvk.kind, version: op.gvk.version },
  };
}

/** The Swagger 2.0 document of every served group-version. */
export function swaggerDocument(): SwaggerDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  const definitions: Record<string, Schema> = {};
  for (const { group, version } of groupVersions()) {
    for (const op of operationsOf(group, version)) {
      paths[op.path] ??= { parameters: [...op.pathParams.map(pathParam), queryParam(PARAMS.pretty)] };
      const item = paths[op.path]!;
      item[op.method] = operation(op);
      definitions[schemaName(op.gvk)] ??= kindSchema(op.gvk, PREFIX);
      if (op.action === "list") definitions[`${schemaName(op.gvk)}List`] ??= listSchema(op.gvk, PREFIX);
    }
  }
  return {
    swagger: "2.0",
    info: { title: "Kubernetes", version: GIT_VERSION },
    paths,
    definitions: { ...definitions, ...metaSchemas() },
  };
}
