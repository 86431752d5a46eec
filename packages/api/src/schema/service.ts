import { atomicList, atomicMap, conditions, keyedList, scalar, struct } from "./builders.js";
import type { FieldSchema } from "./field-schema.js";
import { objectMeta } from "./meta.js";

const serviceSpec: FieldSchema = struct({
  // SMP merges on port alone; SSA keys on port + protocol.
  ports: keyedList(scalar, { mergeKey: "port", listMapKeys: ["port", "protocol"] }),
  selector: atomicMap,
  clusterIPs: atomicList,
  externalIPs: atomicList,
  loadBalancerSourceRanges: atomicList,
  ipFamilies: atomicList,
});

const serviceStatus: FieldSchema = struct({
  loadBalancer: struct({ ingress: atomicList }),
  conditions,
});

export const service: FieldSchema = struct({
  metadata: objectMeta,
  spec: serviceSpec,
  status: serviceStatus,
});
