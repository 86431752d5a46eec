import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { mkdir, open, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CniCode, CniError } from "./errors.js";
import { formatIpv4, parseIpv4 } from "./ipv4.js";
import type { IpamConf } from "./netconf.js";

// host-local's on-disk layout, kept byte-compatible so the two plugins can take over each other's
// allocations: <dataDir>/<network>/<ip> holds "<containerID>\r\n<ifname>", and last_reserved_ip.0 the
// last address handed out (allocation continues after it, so a just-freed IP is not reused at once).
// Files make the store survive agent restarts; O_EXCL creation makes concurrent ADDs race-free without
// a lock: whoever creates the file owns the address, the loser moves to the next one.

const LAST_RESERVED = "last_reserved_ip.0";
const IP_FILE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export interface Allocation {
  ip: number;
  containerId: string;
  ifName: string;
}

export class IpStore {
  readonly dir: string;

  constructor(
    private readonly ipam: IpamConf,
    network: string,
  ) {
    this.dir = join(ipam.dataDir, network);
  }

  async list(): Promise<Allocation[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw ioError("cannot read the IP store", err);
    }
    const out: Allocation[] = [];
    for (const name of names) {
      if (!IP_FILE.test(name)) continue;
      const ip = parseIpv4(name);
      if (ip === undefined) continue;
      let text: string;
      try {
        text = await readFile(join(this.dir, name), "utf8");
      } catch {
        continue; // released meanwhile
      }
      const [containerId = "", ifName = ""] = text.split(/\r?\n/).map((s) => s.trim());
      out.push({ ip, containerId, ifName });
    }
    return out;
  }

  async find(containerId: string, ifName: string): Promise<Allocation | undefined> {
    return (await this.list()).find((a) => a.containerId === containerId && a.ifName === ifName);
  }

  /** Reserves the next free address after the last one handed out, wrapping around the range. */
  async allocate(containerId: string, ifName: string): Promise<number> {
    await mkdir(this.dir, { recursive: true }).catch((err) => {
      throw ioError("cannot create the IP store", err);
    });
    const held = await this.find(containerId, ifName);
    if (held)
      throw new CniError(
        CniCode.AlreadyAllocated,
        `${containerId}/${ifName} already holds ${formatIpv4(held.ip)}; DEL it first`,
      );
    const { rangeStart, rangeEnd, gateway } = this.ipam;
    const size = rangeEnd - rangeStart + 1;
    const last = await this.lastReserved();
    const first = last !== undefined && last >= rangeStart && last <= rangeEnd ? last + 1 : rangeStart;
    for (let i = 0; i < size; i++) {
      const ip = rangeStart + ((first - rangeStart + i) % size);
      if (ip === gateway) continue;
      if (await this.tryReserve(ip, containerId, ifName)) {
        try {
          await this.writeLastReserved(ip);
        } catch (err) {
          await unlink(join(this.dir, formatIpv4(ip))).catch(() => undefined);
          throw err;
        }
        return ip;
      }
    }
    throw new CniError(
      CniCode.AddressExhausted,
      `no free address in ${formatIpv4(rangeStart)}-${formatIpv4(rangeEnd)} for network ${this.dir}`,
    );
  }

  /** Frees whatever (containerId, ifName) holds; nothing held is success (DEL is idempotent). */
  async release(containerId: string, ifName: string): Promise<number | undefined> {
    const held = (await this.list()).filter((a) => a.containerId === containerId && a.ifName === ifName);
    for (const a of held) {
      try {
        await unlink(join(this.dir, formatIpv4(a.ip)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw ioError("cannot release an address", err);
      }
    }
    return held[0]?.ip;
  }

  private async tryReserve(ip: number, containerId: string, ifName: string): Promise<boolean> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(
        join(this.dir, formatIpv4(ip)),
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
        0o644,
      );
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw ioError("cannot reserve an address", err);
    }
    try {
      await handle.writeFile(`${containerId}\r\n${ifName}`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  }

  private async lastReserved(): Promise<number | undefined> {
    try {
      return parseIpv4((await readFile(join(this.dir, LAST_RESERVED), "utf8")).trim());
    } catch {
      return undefined;
    }
  }

  // Only a hint for where to continue: a torn or lost update merely changes which free IP comes next.
  private async writeLastReserved(ip: number): Promise<void> {
    const tmp = join(this.dir, `.${LAST_RESERVED}.${process.pid}.${randomBytes(4).toString("hex")}`);
    try {
      await writeFile(tmp, formatIpv4(ip));
      await rename(tmp, join(this.dir, LAST_RESERVED));
    } catch (err) {
      throw ioError("cannot record the last reserved address", err);
    }
  }
}

function ioError(msg: string, err: unknown): CniError {
  return new CniError(CniCode.IoFailure, msg, err instanceof Error ? err.message : String(err));
}
