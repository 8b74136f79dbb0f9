import type { Command } from 'commander';

/** Registers `redhall quiz …`. (Filled in by the quiz work.) */
export function registerQuizCommands(_program: Command): void {}
