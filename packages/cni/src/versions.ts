// The same set as Debian's reference plugins (containernetworking-plugins 1.1): a runtime that works with
// them works with us. 1.1.0 is not claimed because it obliges GC and STATUS.
export const SUPPORTED_VERSIONS = ["0.3.0", "0.3.1", "0.4.0", "1.0.0"] as const;
export const CURRENT_VERSION = "1.0.0";

export function isSupportedVersion(v: string): boolean {
  return (SUPPORTED_VERSIONS as readonly string[]).includes(v);
}

/** CHECK exists since 0.4.0; results before 1.0.0 carry `ips[].version`. */
export function versionAtLeast(v: string, min: string): boolean {
  const a = v.split(".").map(Number);
  const b = min.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}
