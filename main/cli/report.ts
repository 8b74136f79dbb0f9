import { formatFinding, report, type Finding } from '../../core/findings';

/** What the summary line calls the thing checked (`有效 / valid`, `题库有效 / banks valid`). */
export interface ReportLabels {
  valid: string;
  invalid: string;
}

const PACK_LABELS: ReportLabels = { valid: '有效 / valid', invalid: '无效 / invalid' };

/** The one report printer of `redhall`: every finding (or the JSON report) and a summary line; true when nothing is an error. */
export function printReport(findings: Finding[], json: boolean | undefined, labels: ReportLabels = PACK_LABELS): boolean {
  const r = report(findings);
  if (json) process.stdout.write(JSON.stringify(r) + '\n');
  else {
    for (const f of findings) process.stdout.write(formatFinding(f) + '\n');
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    process.stdout.write(r.ok ? `✓ ${labels.valid} (${warnings} 警告 / warnings)\n` : `✗ ${labels.invalid}: ${errors} 错误 / errors, ${warnings} 警告 / warnings\n`);
  }
  return r.ok;
}
