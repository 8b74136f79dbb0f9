import type { Command } from 'commander';

/** Registers `redhall story …`. (Filled in by the story work.) */
export function registerStoryCommands(_program: Command): void {}
