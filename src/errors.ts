// Errors shared by the CLI and the config loader (which the server and workers use too): an error that carries its exit code.
/** Exit codes of every `ogi` command: 0 ok, 1 the run failed, 2 usage or config error. */
export const EXIT_OK = 0;
export const EXIT_RUN_FAILED = 1;
export const EXIT_USAGE = 2;

/** Bad arguments or a bad config file: exit 2 with the message (which names the file, portal and field). */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
}

/** The job itself failed: exit 1. */
export class RunFailedError extends Error {
  readonly exitCode = EXIT_RUN_FAILED;
}
