import { field, invalid, validateObject, validateStatusUpdate, validateUpdate } from "@tskube/api";
import type { ApiObject } from "../api-object.js";
import { strategyFor } from "./kind-strategy.js";

type FieldErrors = ReturnType<typeof validateObject>;

function check(group: string, kind: string, obj: ApiObject, errors: FieldErrors): void {
  if (errors.length === 0) return;
  const name = obj.metadata?.name ?? obj.metadata?.generateName ?? "";
  throw invalid(kind, group, name, field.toCauses(errors));
}

export function checkCreate(group: string, kind: string, obj: ApiObject): void {
  const extra = strategyFor(group, kind).validate?.(obj) ?? [];
  check(group, kind, obj, [...validateObject(group, kind, obj), ...extra]);
}

export function checkUpdate(
  group: string,
  kind: string,
  obj: ApiObject,
  old: ApiObject,
  status: boolean,
): void {
  check(
    group,
    kind,
    obj,
    status ? validateStatusUpdate(group, kind, obj, old) : validateUpdate(group, kind, obj, old),
  );
}
