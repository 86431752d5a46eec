// What Pod create and update both check on the new pod (validatePodMetadataAndSpec), and the helpers
// the Pod files share.
import type { Container, Pod, PodSpec } from "kubernetes-types/core/v1.js";
import { type FieldError, forbidden } from "../field-error.js";
import { root } from "../field-path.js";
import { nameIsDnsSubdomain } from "../names.js";
import { validateImageWhitespace } from "./container.js";
import { METADATA, metaOf, validateObjectMeta } from "./object-meta.js";
import { validatePodSpecificAnnotations } from "./pod-annotations.js";
import { validatePodSpec } from "./pod-spec.js";
import { fieldAs, isObj, list, str, strMap } from "./read.js";

export const SPEC = root("spec");
const POD_META = { namespaced: true, nameRule: nameIsDnsSubdomain, kubeFinalizers: true } as const;

export function podSpecOf(obj: unknown): PodSpec {
  return fieldAs<PodSpec>(obj, "spec");
}

/** validatePodMetadataAndSpec: what both create and update check on the new pod. */
export function validatePodMetadataAndSpec(pod: Pod): FieldError[] {
  const meta = metaOf(pod);
  const spec = podSpecOf(pod);
  const errs = validateObjectMeta(meta, POD_META);
  errs.push(...validatePodSpecificAnnotations(strMap(meta.annotations), spec, METADATA.child("annotations")));
  errs.push(...validatePodSpec(spec, SPEC, { resourceIsPod: true }));
  if (str(spec.serviceAccountName) === "") {
    list<{ projected?: { sources?: { serviceAccountToken?: unknown }[] } }>(spec.volumes).forEach(
      (volume, vi) => {
        list<{ serviceAccountToken?: unknown }>(volume.projected?.sources).forEach((source, si) => {
          if (isObj(source.serviceAccountToken)) {
            errs.push(
              forbidden(
                SPEC.child("volumes")
                  .index(vi)
                  .child("projected")
                  .child("sources")
                  .index(si)
                  .child("serviceAccountToken"),
                "must not be specified when serviceAccountName is not set",
              ),
            );
          }
        });
      },
    );
  }
  errs.push(...validateImageWhitespace(list<Container>(spec.containers), SPEC.child("containers")));
  errs.push(...validateImageWhitespace(list<Container>(spec.initContainers), SPEC.child("initContainers")));
  return errs;
}
