// Child processes for the end-to-end harness: each one in its own process group (so `npm start` and the
// processes it starts are stopped together), stopped by its PID only, output kept for diagnostics.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const MAX_OUTPUT_CHARS = 256 * 1024;

interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly name: string;
  /** PID of the process started; it leads its own process group. */
  readonly pid: number;
  /** stdout and stderr so far (the last 256 KB). */
  output(): string;
  /** Resolves when the process started has exited. */
  readonly exited: Promise<ExitInfo>;
  hasExited(): boolean;
  /** SIGTERM to the process group, SIGKILL after `graceMs`; resolves when no process of the group is left. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Called with every chunk of output, e.g. to forward it or to watch for a line. */
  onOutput?: (chunk: string) => void;
}

const running = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when the test process ends without stopping what it started: kill those groups only.
  process.once('exit', () => {
    for (const pid of running) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
}

export function spawnManaged(command: string, args: readonly string[], options: SpawnOptions): ManagedProcess {
  installExitHook();
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not start ${command}`);
  running.add(pid);

  let output = '';
  const append = (data: Buffer): void => {
    const text = data.toString('utf8');
    output = (output + text).slice(-MAX_OUTPUT_CHARS);
    options.onOutput?.(text);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  let done = false;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      append(Buffer.from(`\n[${options.name}] ${error.message}\n`));
      done = true;
      resolve({ code: null, signal: null });
    });
  });

  const stop = async (graceMs = 10_000): Promise<void> => {
    if (!running.has(pid)) return;
    signalGroup(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (groupAlive(pid) && Date.now() < deadline) await sleep(50);
    if (groupAlive(pid)) {
      signalGroup(pid, 'SIGKILL');
      while (groupAlive(pid)) await sleep(20);
    }
    await Promise.race([exited, sleep(2_000)]);
    running.delete(pid);
  };

  return {
    name: options.name,
    pid,
    output: () => output,
    exited,
    hasExited: () => done,
    stop,
  };
}

/** Polls `check` until it returns true; fails early when `process` exits, and after `timeoutMs`. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  options: { timeoutMs: number; process?: ManagedProcess; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (options.process?.hasExited()) {
      const exit = await options.process.exited;
      throw new Error(
        `${options.process.name} exited (code ${exit.code}, signal ${exit.signal}) before ${what}.\n--- output ---\n${tail(options.process.output())}`,
      );
    }
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      const output = options.process ? `\n--- output of ${options.process.name} ---\n${tail(options.process.output())}` : '';
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${what}.${output}`);
    }
    await sleep(options.intervalMs ?? 100);
  }
}

export function tail(text: string, chars = 6_000): string {
  return text.length > chars ? `…${text.slice(-chars)}` : text;
}

/** Runs a command to completion (own process group), rejecting with its output when it fails. */
export async function runToCompletion(
  command: string,
  args: readonly string[],
  options: { name: string; cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<string> {
  const proc = spawnManaged(command, args, options);
  const timer = setTimeout(() => void proc.stop(1_000), options.timeoutMs);
  const exit = await proc.exited;
  clearTimeout(timer);
  await proc.stop(1_000);
  if (exit.code !== 0) {
    throw new Error(`${options.name} failed (code ${exit.code}, signal ${exit.signal}).\n--- output ---\n${tail(proc.output())}`);
  }
  return proc.output();
}
