// Single-container Docker operations with the error handling every caller needs: stopping something
// already stopped or removing something already gone is success.
import type Dockerode from "dockerode";
import { dockerStatus, isNotFound } from "./errors.js";

/** docker stop: the image's stop signal (SIGTERM), then SIGKILL after `graceSeconds`. */
export async function stopContainer(docker: Dockerode, id: string, graceSeconds: number): Promise<void> {
  try {
    await docker.getContainer(id).stop({ t: Math.max(0, Math.floor(graceSeconds)) });
  } catch (err) {
    // 304: not running; 404: gone.
    if (!isNotFound(err) && dockerStatus(err) !== 304) throw err;
  }
}

export async function removeContainer(docker: Dockerode, id: string): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: true, v: true });
  } catch (err) {
    // 409: removal already in progress.
    if (!isNotFound(err) && dockerStatus(err) !== 409) throw err;
  }
}
