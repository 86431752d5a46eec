// Original file: proto/api/v1/objects.proto


export interface Preconditions {
  'uid'?: (string);
  'resourceVersion'?: (string);
  '_uid'?: "uid";
  '_resourceVersion'?: "resourceVersion";
}

export interface Preconditions__Output {
  'uid'?: (string);
  'resourceVersion'?: (string);
  '_uid'?: "uid";
  '_resourceVersion'?: "resourceVersion";
}
