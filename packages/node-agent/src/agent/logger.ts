import pino from "pino";

/** The structured logger every agent part takes (pino's shape; tests pass a silent one). */
export interface AgentLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): AgentLogger;
}

export function createAgentLogger(nodeName: string, level = process.env.LOG_LEVEL ?? "info"): AgentLogger {
  return pino({ level, base: { component: "agent", node: nodeName } });
}
