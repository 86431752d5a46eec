// Every failure of the lab library is a LabError with a stable code, so the CLI can map causes to
// messages and exit codes without parsing text.
export type LabErrorCode =
  | "BadConfig"
  | "CommandFailed"
  | "DockerdStartFailed"
  | "DockerdTimeout"
  | "DockerApi"
  | "ImageBuildFailed"
  | "MissingTool";

export class LabError extends Error {
  readonly code: LabErrorCode;

  constructor(code: LabErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LabError";
    this.code = code;
  }
}
