// Original file: proto/api/v1/objects.proto


export interface WriteOptions {
  'dryRun'?: (boolean);
  'fieldManager'?: (string);
  'fieldValidation'?: (string);
}

export interface WriteOptions__Output {
  'dryRun': (boolean);
  'fieldManager': (string);
  'fieldValidation': (string);
}
