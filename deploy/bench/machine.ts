import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/** Where the figures were measured: they mean little without it. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  /** 1-minute load average when the benchmark started and ended: other work on the machine skews the figures. */
  loadAverageAtStart: number;
  loadAverageAtEnd?: number;
}

/** `chromium` is the browser's version as playwright reports it (`browser.version()`). */
export function describeMachine(chromium: string): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium,
    loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

export function currentLoadAverage(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}
