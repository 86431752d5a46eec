// The node agent (issue 5): tskube's kubelet. Its pure pod logic (pod/), probes (probes/), the Docker runtime
// (runtime/), the HTTPS server the API server proxies to (server/), and the agent process (agent/).

export { NodeAgent, readCa } from "./agent/agent.js";
export {
  AGENT_DEFAULTS,
  type AgentOptions,
  type CniPluginKind,
  DEFAULT_AGENT_PORT,
} from "./agent/agent-options.js";
export { AgentError } from "./agent/errors.js";
export { type AgentLogger, createAgentLogger } from "./agent/logger.js";
export * from "./pod/index.js";
// Liveness, readiness and startup probes (ProbeManager and the exec/http/tcp probers).
export * from "./probes/index.js";
