// Original file: proto/api/v1/objects.proto


export interface Target {
  'group'?: (string);
  'version'?: (string);
  'resource'?: (string);
  'namespace'?: (string);
  'name'?: (string);
  'subresource'?: (string);
}

export interface Target__Output {
  'group': (string);
  'version': (string);
  'resource': (string);
  'namespace': (string);
  'name': (string);
  'subresource': (string);
}
