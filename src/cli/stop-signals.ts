import os from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The process was asked to stop (Ctrl-C, SIGTERM): exit 128 + the signal number, as a shell reports it. */
export class StoppedError extends Error {
  readonly exitCode: number;
  constructor(readonly signal: NodeJS.Signals, message: string) {
    super(message);
    this.exitCode = 128 + (os.constants.signals[signal] ?? 2);
  }
}

export interface StopSignals {
  /** Resolves with the first stop signal. */
  received: Promise<NodeJS.Signals>;
  /** Aborted with the first stop signal. */
  signal: AbortSignal;
  dispose(): void;
}

/**
 * First SIGINT/SIGTERM/SIGHUP: the command stops in an orderly way (its handlers decide how); a second one exits at
 * once. Nothing else in the process is left to decide: this is the only stop handler of a command that installs it.
 */
export function onStopSignals(): StopSignals {
  const ctrl = new AbortController();
  let resolve!: (s: NodeJS.Signals) => void;
  const received = new Promise<NodeJS.Signals>((r) => (resolve = r));
  const handler = (sig: NodeJS.Signals) => {
    if (ctrl.signal.aborted) {
      process.stderr.write(`ogi: ${sig} again: exiting now\n`);
      process.exit(128 + (os.constants.signals[sig] ?? 2));
    }
    ctrl.abort(sig);
    resolve(sig);
  };
  for (const s of SIGNALS) process.on(s, handler);
  return { received, signal: ctrl.signal, dispose: () => SIGNALS.forEach((s) => process.off(s, handler)) };
}
