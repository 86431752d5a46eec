// OpenAPI: v3 root and per-group-version documents (what kubectl's field validation check reads), and v2
// (empty protobuf for kubectl, Swagger 2.0 JSON for anyone else).
export { type OpenApiRequest, openApiAnswer } from "./answer.js";
export {
  type Action as OpenApiAction,
  type HttpMethod as OpenApiMethod,
  type Operation as OpenApiOperation,
  operationsOf,
  PATCH_CONTENT_TYPES,
} from "./operations.js";
export { PARAMS as OPENAPI_QUERY_PARAMS, type QueryParam as OpenApiQueryParam } from "./parameters.js";
export { schemaName } from "./schema-names.js";
export type { Schema as OpenApiSchema } from "./schemas.js";
export { OPENAPI_V2_PROTOBUF_CONTENT_TYPE, type SwaggerDocument, swaggerDocument } from "./v2.js";
export {
  type OpenApiV3Document,
  type OpenApiV3Root,
  openApiV3Document,
  openApiV3Key,
  openApiV3Root,
  servedV3Documents,
} from "./v3.js";
