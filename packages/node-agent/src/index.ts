// The node agent (issue 5): so far its pure pod logic — pod spec → Docker create options, observed
// containers → pod status, container names and labels for adoption, kubelet's backoff.
export * from "./pod/index.js";
