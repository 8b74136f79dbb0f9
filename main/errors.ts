/**
 * The one error for a problem the person at the command line can fix: its message (zh-Hans / en)
 * and the exit code `redhall` ends with (1: the input is invalid, 2: usage). Thrown anywhere in
 * main/ (a folder that is not one, a bank that is not listed); main/cli/index.ts prints it.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}
