import type { Command } from 'commander';

/** Registers `redhall pack …`. (Filled in by the pack work.) */
export function registerPackCommands(_program: Command): void {}
