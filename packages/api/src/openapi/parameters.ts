// Query parameters of the API's operations, as the OpenAPI documents declare them. kubectl reads
// `fieldValidation` (and `dryRun`) on PATCH operations to decide that the server validates fields itself
// (research §1.5); the rest document what the server accepts.

export type ParamType = "string" | "boolean" | "integer";

export interface QueryParam {
  readonly name: string;
  readonly type: ParamType;
  readonly description: string;
}

function q(name: string, type: ParamType, description: string): QueryParam {
  return { name, type, description };
}

export const PARAMS = {
  pretty: q("pretty", "string", "If 'true', the output is pretty printed."),
  dryRun: q(
    "dryRun",
    "string",
    "When present, modifications are not persisted. The only valid value is 'All' (process every stage of the request without storing the result).",
  ),
  fieldManager: q(
    "fieldManager",
    "string",
    "Name of the actor making the change, recorded in managedFields.",
  ),
  fieldValidation: q(
    "fieldValidation",
    "string",
    "How the server treats unknown or duplicate fields in the request body: Ignore, Warn or Strict.",
  ),
  force: q("force", "boolean", "Apply requests only: take ownership of fields held by other managers."),
  allowWatchBookmarks: q("allowWatchBookmarks", "boolean", "Ask for BOOKMARK events in a watch."),
  continue: q("continue", "string", "The continue token of the previous page of a list."),
  fieldSelector: q("fieldSelector", "string", "Restrict the objects returned by their fields."),
  labelSelector: q("labelSelector", "string", "Restrict the objects returned by their labels."),
  limit: q("limit", "integer", "Maximum number of objects in one page of a list."),
  resourceVersion: q("resourceVersion", "string", "Which state of the store a read or watch starts from."),
  resourceVersionMatch: q("resourceVersionMatch", "string", "How resourceVersion applies to a list."),
  sendInitialEvents: q(
    "sendInitialEvents",
    "boolean",
    "Start a watch with the current objects as ADDED events.",
  ),
  timeoutSeconds: q("timeoutSeconds", "integer", "Time limit of a list or watch call."),
  watch: q("watch", "boolean", "Watch for changes instead of listing."),
  gracePeriodSeconds: q("gracePeriodSeconds", "integer", "Seconds before the object is deleted."),
  orphanDependents: q("orphanDependents", "boolean", "Deprecated: use propagationPolicy."),
  propagationPolicy: q(
    "propagationPolicy",
    "string",
    "Garbage collection of dependents: Orphan, Background or Foreground.",
  ),
  container: q("container", "string", "The container of the pod."),
  follow: q("follow", "boolean", "Stream the log until the container ends."),
  limitBytes: q("limitBytes", "integer", "Stop the log after this many bytes."),
  previous: q("previous", "boolean", "The log of the previous, terminated container."),
  sinceSeconds: q("sinceSeconds", "integer", "Only log lines newer than this many seconds."),
  sinceTime: q("sinceTime", "string", "Only log lines newer than this RFC 3339 time."),
  tailLines: q("tailLines", "integer", "Only the last lines of the log."),
  timestamps: q("timestamps", "boolean", "Prefix each log line with its RFC 3339 timestamp."),
  insecureSkipTLSVerifyBackend: q(
    "insecureSkipTLSVerifyBackend",
    "boolean",
    "Do not verify the node agent's serving certificate when fetching logs.",
  ),
  command: q("command", "string", "The command to run, one parameter per argument."),
  stdin: q("stdin", "boolean", "Attach the command's standard input."),
  stdout: q("stdout", "boolean", "Attach the command's standard output."),
  stderr: q("stderr", "boolean", "Attach the command's standard error."),
  tty: q("tty", "boolean", "Allocate a terminal for the command."),
} as const satisfies Record<string, QueryParam>;

const P = PARAMS;

/** Parameters of each kind of operation, in the order the API server documents them. */
export const LIST_PARAMS: readonly QueryParam[] = [
  P.allowWatchBookmarks,
  P.continue,
  P.fieldSelector,
  P.labelSelector,
  P.limit,
  P.resourceVersion,
  P.resourceVersionMatch,
  P.sendInitialEvents,
  P.timeoutSeconds,
  P.watch,
];
export const WRITE_PARAMS: readonly QueryParam[] = [P.dryRun, P.fieldManager, P.fieldValidation];
export const PATCH_PARAMS: readonly QueryParam[] = [P.dryRun, P.fieldManager, P.fieldValidation, P.force];
export const DELETE_PARAMS: readonly QueryParam[] = [
  P.dryRun,
  P.gracePeriodSeconds,
  P.orphanDependents,
  P.propagationPolicy,
];
export const DELETE_COLLECTION_PARAMS: readonly QueryParam[] = [
  P.continue,
  P.dryRun,
  P.fieldSelector,
  P.gracePeriodSeconds,
  P.labelSelector,
  P.limit,
  P.orphanDependents,
  P.propagationPolicy,
  P.resourceVersion,
  P.resourceVersionMatch,
  P.sendInitialEvents,
  P.timeoutSeconds,
];
export const LOG_PARAMS: readonly QueryParam[] = [
  P.container,
  P.follow,
  P.insecureSkipTLSVerifyBackend,
  P.limitBytes,
  P.previous,
  P.sinceSeconds,
  P.sinceTime,
  P.tailLines,
  P.timestamps,
];
export const EXEC_PARAMS: readonly QueryParam[] = [
  P.command,
  P.container,
  P.stderr,
  P.stdin,
  P.stdout,
  P.tty,
];
