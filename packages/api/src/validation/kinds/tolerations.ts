// spec.tolerations: keys are label names, operators Equal/Exists, effects the known taint effects.
import type { Toleration } from "kubernetes-types/core/v1.js";
import { type FieldError, invalid, notSupported, required } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { isValidLabelValue, validateLabelName } from "../labels.js";
import { list, ptr, str } from "./read.js";

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** validateTaintEffect: empty is allowed for tolerations (match all effects), not for taints. */
export function validateTaintEffect(effect: string, allowEmpty: boolean, path: FieldPath): FieldError[] {
  if (!allowEmpty && effect === "") return [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}

export function validateTolerations(tolerations: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  list<Toleration>(tolerations).forEach((t, i) => {
    const p = path.index(i);
    const key = str(t.key);
    const operator = str(t.operator);
    const value = str(t.value);
    const effect = str(t.effect);
    if (key !== "") errs.push(...validateLabelName(key, p.child("key")));
    if (key === "" && operator !== "Exists") {
      errs.push(
        invalid(
          p.child("operator"),
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (ptr(t.tolerationSeconds) !== undefined && effect !== "NoExecute") {
      errs.push(
        invalid(p.child("effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"),
      );
    }
    switch (operator) {
      case "Equal":
      case "": {
        const msgs = isValidLabelValue(value);
        if (msgs.length > 0) errs.push(invalid(p.child("operator"), value, msgs.join(";")));
        break;
      }
      case "Exists":
        if (value !== "")
          errs.push(invalid(p.child("operator"), value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(p.child("operator"), operator, ["Equal", "Exists"]));
    }
    if (effect !== "") errs.push(...validateTaintEffect(effect, true, p.child("effect")));
  });
  return errs;
}
