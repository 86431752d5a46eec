#!/usr/bin/env node
// The one `tskube` binary (like k3s): roles and tools are subcommands. Built code lives in packages/*/dist.
import "../packages/cli/dist/main.js";
