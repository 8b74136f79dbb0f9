#!/usr/bin/env node
import { Command } from 'commander';
import { APP_VERSION } from '../version';
import { registerHallCommands } from './hall';
import { registerPackCommands } from './pack';
import { registerPinCommands } from './pin';
import { registerPairCommands } from './pair';
import { registerStoryCommands } from './story';
import { registerQuizCommands } from './quiz';

/** The `redhall` command. Exit codes: 0 fine, 1 the input is invalid, 2 usage. */
const program = new Command('redhall')
  .description('RedHall: 展厅屏幕、内容包、剧本杀与党性体检 / exhibition-hall screens, content packs, script-kill and self-check')
  .version(APP_VERSION)
  .exitOverride((err) => {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') process.exit(0);
    process.exit(2);
  });

registerHallCommands(program);
registerPackCommands(program);
registerStoryCommands(program);
registerQuizCommands(program);
registerPinCommands(program);
registerPairCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(typeof (err as { exitCode?: unknown })?.exitCode === 'number' ? (err as { exitCode: number }).exitCode : 1);
});
