import type { Oath } from '../pack/kinds/oath';

/** Where the oath is at a moment: the line lit, and whether it has not begun or is over. */
export interface OathPosition {
  /** Index of the line being read, or of the last one read while between lines; -1 before the first. */
  line: number;
  /** True while the lit line is being read (between its start and end). */
  speaking: boolean;
  done: boolean;
}

/** The oath's length in seconds: its recording's, when known, else its last line's end. */
export function oathSeconds(oath: Pick<Oath, 'lines'>, recordingSeconds?: number): number {
  const last = oath.lines.at(-1)?.end ?? 0;
  return recordingSeconds !== undefined && recordingSeconds > last ? recordingSeconds : last;
}

/** The line lit `seconds` into the oath (lines are in order and do not overlap: the pack checks it). */
export function oathPosition(lines: Oath['lines'], seconds: number, totalSeconds = lines.at(-1)?.end ?? 0): OathPosition {
  let line = -1;
  for (let i = 0; i < lines.length; i++) if (seconds >= lines[i]!.start) line = i;
  const speaking = line >= 0 && seconds < lines[line]!.end;
  return { line, speaking, done: seconds >= totalSeconds };
}
