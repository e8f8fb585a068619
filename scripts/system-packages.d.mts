// Types for scripts/system-packages.mjs, which CI runs as plain JavaScript before `npm ci`, and the harness imports.

export type Purpose = 'start' | 'test';

export interface MachineProbe {
  platform: NodeJS.Platform;
  isRoot: boolean;
  hasFile(file: string): boolean;
  hasCommand(name: string): boolean;
}

export interface SystemPackage {
  name: string;
  purposes: Purpose[];
  why: string;
  isPresent(probe: MachineProbe): boolean;
}

export type SystemPackagesPlan =
  | { kind: 'ready'; missing: SystemPackage[] }
  | { kind: 'install'; missing: SystemPackage[] }
  | { kind: 'ask'; missing: SystemPackage[]; command: string | undefined };

export const SYSTEM_PACKAGES: SystemPackage[];
export const CHROMIUM_PATH: string;
export const PURPOSES: Purpose[];
export const machineProbe: MachineProbe;
export function planSystemPackages(purpose: Purpose, probe?: MachineProbe): SystemPackagesPlan;
export function ensureSystemPackages(
  purpose: Purpose,
  options?: { probe?: MachineProbe; log?: (line: string) => void; install?: (aptArgs: string[]) => void },
): 0 | 2;
