// GET /version. The gcloud kubectl dispatcher at /usr/bin/kubectl picks the kubectl binary from `minor`,
// so it must say 1.32 for kubectl 1.32 to run at all (research §0.1); gitVersion marks the build as tskube.

export interface VersionInfo {
  readonly major: string;
  readonly minor: string;
  readonly gitVersion: string;
  readonly gitCommit: string;
  readonly gitTreeState: string;
  readonly buildDate: string;
  readonly goVersion: string;
  readonly compiler: string;
  readonly platform: string;
}

export const KUBERNETES_MAJOR = "1";
export const KUBERNETES_MINOR = "32";
export const GIT_VERSION = `v${KUBERNETES_MAJOR}.${KUBERNETES_MINOR}.0-tskube`;

const GO_ARCH: Readonly<Record<string, string>> = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };

/** The /version body; fields a build knows (commit, date) can be supplied by the caller. */
export function versionInfo(overrides: Partial<VersionInfo> = {}): VersionInfo {
  return {
    major: KUBERNETES_MAJOR,
    minor: KUBERNETES_MINOR,
    gitVersion: GIT_VERSION,
    gitCommit: "",
    gitTreeState: "clean",
    buildDate: "1970-01-01T00:00:00Z",
    // The field names the runtime; tskube runs on Node.js, not Go.
    goVersion: `node${process.version}`,
    compiler: "tsc",
    platform: `${process.platform}/${GO_ARCH[process.arch] ?? process.arch}`,
    ...overrides,
  };
}
