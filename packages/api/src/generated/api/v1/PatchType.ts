// Original file: proto/api/v1/objects.proto

export const PatchType = {
  PATCH_TYPE_UNSPECIFIED: 'PATCH_TYPE_UNSPECIFIED',
  PATCH_TYPE_JSON: 'PATCH_TYPE_JSON',
  PATCH_TYPE_MERGE: 'PATCH_TYPE_MERGE',
  PATCH_TYPE_STRATEGIC: 'PATCH_TYPE_STRATEGIC',
  PATCH_TYPE_APPLY: 'PATCH_TYPE_APPLY',
} as const;

export type PatchType =
  | 'PATCH_TYPE_UNSPECIFIED'
  | 0
  | 'PATCH_TYPE_JSON'
  | 1
  | 'PATCH_TYPE_MERGE'
  | 2
  | 'PATCH_TYPE_STRATEGIC'
  | 3
  | 'PATCH_TYPE_APPLY'
  | 4

export type PatchType__Output = typeof PatchType[keyof typeof PatchType]
