// Describes the machine a result came from; numbers without it mean little.
import { readFileSync } from 'node:fs';
import * as os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  /** Nominal clock from the kernel; a VM may report the host's. */
  cpuMHz: number;
  memoryGiB: number;
  node: string;
  platform: string;
  kernel: string;
}

export function describeMachine(): MachineInfo {
  return {
    cpuModel: cpuModelFromProc() ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    cpuMHz: Math.round(os.cpus()[0]?.speed ?? 0),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
  };
}

function cpuModelFromProc(): string | undefined {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line?.split(':').slice(1).join(':').trim();
  } catch {
    return undefined; // not Linux
  }
}
