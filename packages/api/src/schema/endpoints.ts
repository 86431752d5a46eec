import { atomicList, struct } from "./builders.js";
import type { FieldSchema } from "./field-schema.js";
import { objectMeta } from "./meta.js";

/** core/v1 Endpoints: subsets and everything inside them are atomic lists. */
export const endpoints: FieldSchema = struct({ metadata: objectMeta, subsets: atomicList });

/** discovery.k8s.io/v1 EndpointSlice: endpoints and ports are atomic lists. */
export const endpointSlice: FieldSchema = struct({
  metadata: objectMeta,
  endpoints: atomicList,
  ports: atomicList,
});
