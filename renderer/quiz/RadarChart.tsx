import { useId } from 'react';
import { RADAR_FRAME, radarPoint, radarPolygon } from '../../core/quiz/radar';

export interface RadarAxis {
  id: string;
  label: string;
  /** 0–100, or null when the dimension was not covered (drawn at the centre). */
  value: number | null;
}

/**
 * The report's radar chart as SVG: rings at 20-point steps, one axis per dimension, the
 * visitor's scores as a filled polygon. Screen readers get the scores as text (role="img",
 * title and desc); tests get them as data attributes on the chart and on every vertex.
 */
export function RadarChart({ axes, title, description }: { axes: RadarAxis[]; title: string; description: string }) {
  const id = useId();
  const f = RADAR_FRAME;
  const n = axes.length;
  const values = axes.map((a) => a.value ?? 0);
  const ring = (v: number) => axes.map((_, i) => radarPoint(i, n, v).join(',')).join(' ');
  return (
    <svg
      className="quiz-radar"
      viewBox={`0 0 ${f.width} ${f.height}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      data-scores={JSON.stringify(Object.fromEntries(axes.map((a) => [a.id, a.value])))}
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {[20, 40, 60, 80, 100].map((v) => (
        <polygon key={v} points={ring(v)} className={v === 100 ? 'radar-ring radar-ring-outer' : 'radar-ring'} />
      ))}
      {axes.map((a, i) => {
        const [x, y] = radarPoint(i, n, 100);
        return <line key={a.id} x1={f.cx} y1={f.cy} x2={x} y2={y} className="radar-axis" />;
      })}
      <polygon className="radar-area" points={radarPolygon(values)} data-testid="radar-area" />
      {axes.map((a, i) => {
        const [x, y] = radarPoint(i, n, values[i] ?? 0);
        return <circle key={a.id} cx={x} cy={y} r={7} className="radar-vertex" data-dimension={a.id} data-value={a.value ?? ''} data-x={x} data-y={y} />;
      })}
      {axes.map((a, i) => {
        const [x, y] = radarPoint(i, n, 124);
        const anchor = Math.abs(x - f.cx) < 8 ? 'middle' : x > f.cx ? 'start' : 'end';
        const lines = wrapLabel(a.label);
        // Name lines then the value: above the chart at the top, below it at the bottom, centred at the sides.
        const step = 36;
        const first = anchor === 'middle' ? (y < f.cy ? y - lines.length * step : y) : y - (lines.length * step) / 2;
        return (
          <g key={a.id} className="radar-label" aria-hidden="true">
            <text x={x} y={first} textAnchor={anchor} dominantBaseline="middle" className={lines.length > 2 || !/[\u3400-\u9fff]/.test(a.label) ? 'radar-label-name radar-label-latin' : 'radar-label-name'}>
              {lines.map((line, k) => (
                <tspan key={k} x={x} dy={k === 0 ? 0 : step}>
                  {line}
                </tspan>
              ))}
            </text>
            <text x={x} y={first + lines.length * step} textAnchor={anchor} dominantBaseline="middle" className="radar-label-value">
              {a.value ?? '—'}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

// Long labels break into lines: Chinese in half, other scripts word by word (about 11 letters a line).
function wrapLabel(label: string): string[] {
  if (/[\u3400-\u9fff]/.test(label)) return label.length > 5 ? [label.slice(0, Math.ceil(label.length / 2)), label.slice(Math.ceil(label.length / 2))] : [label];
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= 11) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}
