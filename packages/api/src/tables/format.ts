import type { Container } from "kubernetes-types/core/v1.js";
import type { LabelSelector } from "kubernetes-types/meta/v1.js";
import { fromLabelSelector } from "../selectors/from-label-selector.js";
import { compareGoStrings } from "../selectors/go-text.js";

// Text helpers shared by several kinds' printers, matching the Go printers' spellings.

export const NONE = "<none>";

/** labels.FormatLabels: "k=v,k2=v2" in key order, "<none>" when empty. */
export function formatLabels(set: Record<string, string> | undefined | null): string {
  const keys = Object.keys(set ?? {}).sort(compareGoStrings);
  if (keys.length === 0) return NONE;
  return keys.map((k) => `${k}=${set?.[k] ?? ""}`).join(",");
}

/** metav1.FormatLabelSelector: the selector's canonical text, "<none>" for an empty text, "<error>" if invalid. */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  let text: string;
  try {
    text = fromLabelSelector(selector).toString();
  } catch {
    return "<error>";
  }
  return text === "" ? NONE : text;
}

/**
 * The Deployment printer's variant: the bare selector text, so an empty selector prints "" and an invalid
 * one "<invalid>" (Kubernetes does not share FormatLabelSelector here).
 */
export function selectorText(selector: LabelSelector | undefined | null): string {
  try {
    return fromLabelSelector(selector).toString();
  } catch {
    return "<invalid>";
  }
}

/** The wide Containers and Images cells of workload kinds: comma-joined, in spec order. */
export function containersAndImages(containers: readonly Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(","), list.map((c) => c.image ?? "").join(",")];
}

/** net.JoinHostPort: IPv6 addresses get brackets. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Joins at most `max` items and says how many were left out, as Kubernetes' endpoint and HPA cells do. */
export function joinWithMore(
  items: readonly string[],
  total: number,
  max: number,
  separator: string,
): string {
  const text = items.slice(0, max).join(separator);
  return total > max ? `${text} + ${total - max} more...` : text;
}
