import { useMemo } from 'react';
import { create } from 'qrcode';

/** A QR code drawn locally as one SVG path (no canvas, no network); dark modules on white with a quiet zone. */
export function QrCode({ text, size, label }: { text: string; size: number; label: string }) {
  const { path, n } = useMemo(() => {
    const qr = create(text, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    let d = '';
    for (let row = 0; row < n; row++)
      for (let col = 0; col < n; col++) if (qr.modules.data[row * n + col]) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    return { path: d, n };
  }, [text]);
  const total = n + 8;
  return (
    <svg className="quiz-qr" width={size} height={size} viewBox={`0 0 ${total} ${total}`} role="img" aria-label={label} shapeRendering="crispEdges" data-qr-text={text}>
      <rect width={total} height={total} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
