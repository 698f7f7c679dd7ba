/** Commands with sub-commands (`faultline user create …`): the first argument picks one. */
import { CliError } from './io.js';

export type Subcommands = Record<string, (args: string[]) => Promise<void>>;

export function runSubcommand(
  command: string,
  args: string[],
  subcommands: Subcommands,
): Promise<void> {
  const [name, ...rest] = args;
  const names = Object.keys(subcommands).join('|');
  if (name === undefined) throw new CliError(`say what to do: faultline ${command} ${names}`);
  // Own keys only: `faultline user constructor` is not a command.
  const run = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (run === undefined) {
    throw new CliError(`unknown sub-command "${name}": faultline ${command} ${names}`);
  }
  return run(rest);
}
