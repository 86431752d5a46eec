// imagePullPolicy defaulting follows the image reference's tag: ":latest", or no tag and no digest (which
// the runtime resolves to latest), pulls Always; any other tag or a bare digest pulls IfNotPresent. A
// reference that does not parse also gets IfNotPresent: validation, not defaulting, rejects it.

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const MAX_NAME_LENGTH = 255;

export interface ImageRef {
  readonly tag: string;
  readonly digest: string;
}

/** Splits an image reference into tag and digest; undefined when it is not a valid reference. */
export function parseImageRef(image: string): ImageRef | undefined {
  let rest = image;
  let digest = "";
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag = "";
  const colon = rest.lastIndexOf(":");
  // A colon before the last "/" belongs to the registry's host:port, not to a tag.
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  if (rest.length === 0 || rest.length > MAX_NAME_LENGTH) return undefined;
  const parts = rest.split("/");
  const first = parts[0] ?? "";
  // The first component is a registry host only if it looks like one (docker's normalisation rule).
  const hasDomain = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasDomain && !DOMAIN.test(first)) return undefined;
  const path = hasDomain ? parts.slice(1) : parts;
  if (!path.every((p) => PATH_COMPONENT.test(p))) return undefined;
  return { tag, digest };
}

/** The imagePullPolicy the API server gives a container whose policy is unset. */
export function defaultImagePullPolicy(image: string | undefined): "Always" | "IfNotPresent" {
  const ref = parseImageRef(image ?? "");
  if (ref === undefined) return "IfNotPresent";
  const tag = ref.tag === "" && ref.digest === "" ? "latest" : ref.tag;
  return tag === "latest" ? "Always" : "IfNotPresent";
}
