// What the agent reports about its host. Lab workers share one machine, so they report the same hardware.
import { readFileSync } from "node:fs";
import { arch, cpus, release, totalmem } from "node:os";
import { goArch } from "./node-status.js";

function readTrimmed(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return "";
  }
}

function osImage(): string {
  const text = readTrimmed("/etc/os-release");
  const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text);
  return m?.[1] ?? "Linux";
}

export interface HostFacts {
  cpus: number;
  memoryBytes: number;
  kernelVersion: string;
  osImage: string;
  architecture: string;
  machineID: string;
  bootID: string;
}

export function hostFacts(): HostFacts {
  return {
    cpus: cpus().length,
    memoryBytes: totalmem(),
    kernelVersion: release(),
    osImage: osImage(),
    architecture: goArch(arch()),
    machineID: readTrimmed("/etc/machine-id"),
    bootID: readTrimmed("/proc/sys/kernel/random/boot_id"),
  };
}
