// The gRPC object API (api.v1.Objects) over the API core; the typed client is ObjectClient in @tskube/api.
export { type Authenticate, authenticated, type CallCredentials } from "./authenticate.js";
export { objectsServiceHandlers } from "./objects-service.js";
