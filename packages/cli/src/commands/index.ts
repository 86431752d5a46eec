import type { Command } from "commander";

/** Each subcommand lives in its own file under commands/ and exports `register(program)`. */
export function registerCommands(_program: Command): void {}
