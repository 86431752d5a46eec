import { type Logger, pino } from "pino";

export type { Logger };

/**
 * Structured JSON logs. Written synchronously: a master can be SIGKILLed at any time and the lines before
 * the kill are what an operator (or a test) reads to understand what happened.
 */
export function createLogger(options: { name: string; level: string; file: string | null }): Logger {
  const destination = pino.destination({ dest: options.file ?? 2, sync: true, mkdir: options.file !== null });
  return pino({ level: options.level, base: { member: options.name, pid: process.pid } }, destination);
}

/** A logger that drops everything (unit tests). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
