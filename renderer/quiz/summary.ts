import { pickText, type Locale } from '../../core/text';
import type { QuizBank, QuizReport } from '../../core/quiz/index';
import { quizText } from './strings';

/**
 * The short text the report's QR code carries: title, day, overall and each dimension with
 * its band. No answers and nothing personal; short enough for a small, easily scanned code.
 */
export function reportSummary(bank: QuizBank, report: QuizReport, locale: Locale, day: string): string {
  const band = (id: string | null) => (id === null ? '' : pickText(bank.bands.find((b) => b.id === id)?.name, locale));
  const lines = [`${quizText(locale, 'summaryTitle')} ${day}`, `${quizText(locale, 'overall')} ${report.overall ?? '—'} ${band(report.overallBand)}`.trim()];
  for (const d of report.dimensions) {
    const name = pickText(bank.dimensions.find((x) => x.id === d.id)?.name, locale);
    lines.push(d.score === null ? `${name} —` : `${name} ${d.score} ${band(d.band)}`);
  }
  return lines.join('\n');
}
