// core/v1 Node: a cluster-scoped DNS subdomain name, valid taints and pod CIDRs (one per family), and
// non-negative capacity; on update the pod CIDRs and provider ID may only go from unset to set.
import type { Node, NodeAddress, NodeSpec, Taint } from "kubernetes-types/core/v1.js";
import { duplicate, type FieldError, forbidden, invalid } from "../field-error.js";
import { type FieldPath, root } from "../field-path.js";
import { type IpBytes, isDualStack, parseCidr, validateCidr } from "../ip.js";
import { isValidLabelValue, validateLabelName } from "../labels.js";
import { nameIsDnsSubdomain } from "../names.js";
import { Quantity } from "../quantity.js";
import type { KindValidator } from "./kind-validator.js";
import { METADATA, metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { isObj, list, sortedKeys, str } from "./read.js";
import { readQuantity, validateResourceQuantityValue } from "./resources.js";
import { semanticEqual } from "./semantic-equal.js";
import { validateTaintEffect } from "./tolerations.js";

const NODE_META = { namespaced: false, nameRule: nameIsDnsSubdomain, kubeFinalizers: true } as const;

function nodeOf(obj: unknown): Node {
  return (isObj(obj) ? obj : {}) as Node;
}

function specOf(node: Node): NodeSpec {
  return isObj(node.spec) ? node.spec : {};
}

/** The v1 singular podCIDR becomes the list when the list is empty (the v1 conversion does so). */
export function podCIDRs(spec: NodeSpec): string[] {
  const list_ = list<string>(spec.podCIDRs).map(str);
  if (list_.length > 0) return list_;
  const single = str(spec.podCIDR);
  return single === "" ? [] : [single];
}

/** validateNodeTaints; upstream reports them under "metadata.taints". */
function validateTaints(taints: readonly Taint[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  taints.forEach((taint, i) => {
    const p = path.index(i);
    const key = str(taint.key);
    const value = str(taint.value);
    const effect = str(taint.effect);
    errs.push(...validateLabelName(key, p.child("key")));
    const msgs = isValidLabelValue(value);
    if (msgs.length > 0) errs.push(invalid(p.child("value"), value, msgs.join(";")));
    errs.push(...validateTaintEffect(effect, false, p.child("effect")));
    const keys = unique.get(effect) ?? new Set<string>();
    if (keys.has(key)) {
      errs.push({ ...duplicate(p, taint), detail: "taints must be unique by key and effect pair" });
      return;
    }
    keys.add(key);
    unique.set(effect, keys);
  });
  return errs;
}

/** ValidateNodeResources: capacity and allocatable, reported as "status.capacity.<name>". */
function validateNodeResources(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const list_ of ["capacity", "allocatable"] as const) {
    const map = isObj(node.status?.[list_]) ? (node.status?.[list_] as Record<string, unknown>) : {};
    for (const name of sortedKeys(map)) {
      const path = root("status", list_, name);
      const q = readQuantity(map[name], path);
      if (q instanceof Quantity) errs.push(...validateResourceQuantityValue(name, q, path));
      else errs.push(q);
    }
  }
  return errs;
}

function validatePodCIDRs(cidrs: readonly string[]): FieldError[] {
  if (cidrs.length === 0) return [];
  const path = root("spec", "podCIDRs");
  const errs: FieldError[] = [];
  cidrs.forEach((cidr, i) => {
    errs.push(...validateCidr(path.index(i), cidr));
  });
  if (cidrs.length > 1) {
    const parsed = cidrs.map((c) => parseCidr(c)?.ip).filter((ip): ip is IpBytes => ip !== undefined);
    if (parsed.length === cidrs.length && (!isDualStack(parsed) || cidrs.length > 2)) {
      errs.push(invalid(path, cidrs, "may specify no more than one CIDR for each IP family"));
    }
    const seen = new Set<string>();
    cidrs.forEach((cidr, i) => {
      if (seen.has(cidr)) errs.push(duplicate(path.index(i), cidr));
      seen.add(cidr);
    });
  }
  return errs;
}

function create(obj: unknown): FieldError[] {
  const node = nodeOf(obj);
  const spec = specOf(node);
  const errs = validateObjectMeta(metaOf(node), NODE_META);
  errs.push(...validateTaints(list<Taint>(spec.taints), METADATA.child("taints")));
  errs.push(...validateNodeResources(node));
  errs.push(...validatePodCIDRs(podCIDRs(spec)));
  return errs;
}

const CIDR_CHANGE = 'node updates may not change podCIDR except from "" to valid';

/** ValidateNodeUpdate: what a status update runs (node status is open to any update). */
function updateRules(obj: unknown, old: unknown): FieldError[] {
  const node = nodeOf(obj);
  const prev = nodeOf(old);
  const spec = specOf(node);
  const prevSpec = specOf(prev);
  const errs = validateObjectMetaUpdate(metaOf(node), metaOf(prev), true);
  errs.push(...validateNodeResources(node));
  const seen: NodeAddress[] = [];
  list<NodeAddress>(node.status?.addresses).forEach((address, i) => {
    if (seen.some((a) => semanticEqual(a, address))) {
      errs.push(duplicate(root("status", "addresses").index(i), address));
    }
    seen.push(address);
  });
  const oldCIDRs = podCIDRs(prevSpec);
  const newCIDRs = podCIDRs(spec);
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== newCIDRs.length) errs.push(forbidden(root("spec", "podCIDRs"), CIDR_CHANGE));
    else
      oldCIDRs.forEach((c, i) => {
        if (c !== newCIDRs[i]) errs.push(forbidden(root("spec", "podCIDRs"), CIDR_CHANGE));
      });
  }
  const providerID = str(prevSpec.providerID);
  if (providerID !== "" && providerID !== str(spec.providerID)) {
    errs.push(
      forbidden(root("spec", "providerID"), 'node updates may not change providerID except from "" to valid'),
    );
  }
  errs.push(...validateTaints(list<Taint>(spec.taints), METADATA.child("taints")));
  if (str(spec.externalID) !== str(prevSpec.externalID)) {
    errs.push(forbidden(root("spec", "externalID"), "may not be updated"));
  }
  return errs;
}

export const nodeValidator: KindValidator = {
  namespaced: false,
  create,
  // The node strategy validates the new node in full, then the update rules.
  update: (obj, old) => [...create(obj), ...updateRules(obj, old)],
  status: updateRules,
};
