import type { Bilingual } from './text';

export type Severity = 'error' | 'warning' | 'info';

/** One thing a checker found in a curator's file, placed at a line and column (1-based). */
export interface Finding {
  code: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  message: Bilingual;
}

/** The JSON every checking command prints with --json. */
export interface FindingReport {
  ok: boolean;
  errors: Finding[];
}

/** Builds a report: ok when no finding is an error. */
export function report(findings: Finding[]): FindingReport {
  return { ok: !findings.some((f) => f.severity === 'error'), errors: findings };
}

/** Formats a finding for a terminal: `file:line:column severity code  中文 / English`. */
export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code}  ${f.message['zh-Hans']} / ${f.message.en}`;
}
