/** A failure of the agent itself (bad options, a join that cannot finish); the CLI prints its message. */
export class AgentError extends Error {
  override readonly name = "AgentError";
}
