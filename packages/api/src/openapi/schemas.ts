import type { GroupVersionKind } from "../registry/index.js";
import { DELETE_OPTIONS, LIST_META, OBJECT_META, PATCH, ref, STATUS, schemaName } from "./schema-names.js";
import { type FieldType, OBJECT_META_FIELDS, TOP_LEVEL_FIELDS } from "./top-level-fields.js";

// Component schemas: one per kind (its top-level fields, with the group-version-kind extension clients
// use to find it), its List, and the meta types operations refer to. Shared by OpenAPI v3
// (#/components/schemas/…) and v2 (#/definitions/…); only the $ref prefix differs.

export interface Schema {
  readonly type?: string;
  readonly allOf?: readonly Schema[];
  readonly format?: string;
  readonly description?: string;
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly items?: Schema;
  readonly additionalProperties?: Schema;
  readonly required?: readonly string[];
  readonly "x-kubernetes-group-version-kind"?: readonly { group: string; kind: string; version: string }[];
}

function fieldSchema(type: FieldType): Schema {
  switch (type) {
    case "map":
      return { type: "object", additionalProperties: { type: "string" } };
    case "date-time":
      return { type: "string", format: "date-time" };
    case "array":
      return { type: "array", items: { type: "object" } };
    default:
      return { type };
  }
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  spec: "The desired state of the object.",
  status: "The most recently observed state of the object; written by the system.",
};

function fields(map: Readonly<Record<string, FieldType>>): Record<string, Schema> {
  return Object.fromEntries(
    Object.entries(map).map(([name, type]) => {
      const description = DESCRIPTIONS[name];
      return [name, description === undefined ? fieldSchema(type) : { ...fieldSchema(type), description }];
    }),
  );
}

const TYPE_META: Readonly<Record<string, Schema>> = {
  apiVersion: { type: "string", description: "The versioned schema of this representation of an object." },
  kind: { type: "string", description: "The REST resource this object represents." },
};

function gvkExtension(gvk: GroupVersionKind): Schema["x-kubernetes-group-version-kind"] {
  return [{ group: gvk.group, kind: gvk.kind, version: gvk.version }];
}

/** Kinds that are options rather than objects carry no metadata. */
const WITHOUT_METADATA = new Set(["PodExecOptions"]);

export function kindSchema(gvk: GroupVersionKind, prefix: string): Schema {
  const own = TOP_LEVEL_FIELDS[gvk.kind] ?? {};
  return {
    type: "object",
    description: `${gvk.kind}: tskube documents its top-level fields only.`,
    properties: {
      ...TYPE_META,
      ...(WITHOUT_METADATA.has(gvk.kind)
        ? {}
        : { metadata: { description: "Standard object's metadata.", allOf: [ref(OBJECT_META, prefix)] } }),
      ...fields(own),
    },
    "x-kubernetes-group-version-kind": gvkExtension(gvk),
  };
}

export function listSchema(gvk: GroupVersionKind, prefix: string): Schema {
  return {
    type: "object",
    description: `A list of ${gvk.kind} objects.`,
    properties: {
      ...TYPE_META,
      items: { type: "array", items: ref(schemaName(gvk), prefix) },
      metadata: ref(LIST_META, prefix),
    },
    required: ["items"],
    "x-kubernetes-group-version-kind": gvkExtension({ ...gvk, kind: `${gvk.kind}List` }),
  };
}

/** The meta.k8s.io schemas every document refers to. */
export function metaSchemas(): Record<string, Schema> {
  return {
    [OBJECT_META]: {
      type: "object",
      description: "Metadata every persisted object has.",
      properties: fields(OBJECT_META_FIELDS),
    },
    [LIST_META]: {
      type: "object",
      description: "Metadata of a list.",
      properties: fields({ continue: "string", remainingItemCount: "integer", resourceVersion: "string" }),
    },
    [STATUS]: {
      type: "object",
      description: "The result of an operation that does not return an object.",
      properties: {
        ...TYPE_META,
        ...fields({
          code: "integer",
          details: "object",
          message: "string",
          reason: "string",
          status: "string",
        }),
      },
      "x-kubernetes-group-version-kind": [{ group: "", kind: "Status", version: "v1" }],
    },
    [DELETE_OPTIONS]: {
      type: "object",
      description: "Options of a delete.",
      properties: {
        ...TYPE_META,
        ...fields({
          dryRun: "array",
          gracePeriodSeconds: "integer",
          orphanDependents: "boolean",
          preconditions: "object",
          propagationPolicy: "string",
        }),
      },
    },
    [PATCH]: {
      type: "object",
      description: "The body of a PATCH request, in the format its Content-Type names.",
    },
  };
}
