import { Resvg } from '@resvg/resvg-js';
import type { Measurement } from './bench-results';
import { summaryOf } from './report-summary';
import { SCENARIOS } from './scenarios';

const COLORS = ['#9ecae1', '#4292c6', '#08519c', '#6baed6', '#2171b5'];
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const label = (rows: number) =>
  rows >= 1_000_000 ? `${rows / 1_000_000}M` : rows >= 1000 ? `${rows / 1000}k` : String(rows);

/**
 * Latency by operation and data size as an SVG: per operation one bar per size for our p99, a
 * darker inner bar for our p50, and a black tick at the baseline's p99 at the same size.
 */
export function latencyChartSvg(measurements: Measurement[], sizes: number[]): string {
  const width = 1100;
  const height = 520;
  const margin = { top: 60, right: 20, bottom: 90, left: 70 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const values = SCENARIOS.flatMap((scenario) =>
    sizes.flatMap((rows) =>
      (['ours', 'baseline'] as const).map(
        (target) => summaryOf(measurements, rows, scenario, target)?.p99Ms ?? 0,
      ),
    ),
  );
  const top = niceCeiling(Math.max(1, ...values));
  const y = (ms: number) => margin.top + plotH - (ms / top) * plotH;
  const groupW = plotW / SCENARIOS.length;
  const barW = (groupW * 0.75) / sizes.length;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="28" font-size="18" text-anchor="middle">Latency by operation and data size (ms): our p99 (bar), p50 (inner bar), baseline p99 (black tick)</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const ms = (top / 5) * i;
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(ms)}" y2="${y(ms)}" stroke="#ddd"/>`,
      `<text x="${margin.left - 8}" y="${y(ms) + 4}" font-size="12" text-anchor="end">${Number(ms.toFixed(1))}</text>`,
    );
  }
  SCENARIOS.forEach((scenario, g) => {
    const x0 = margin.left + g * groupW + groupW * 0.125;
    sizes.forEach((rows, s) => {
      const ours = summaryOf(measurements, rows, scenario, 'ours');
      const baseline = summaryOf(measurements, rows, scenario, 'baseline');
      const x = x0 + s * barW;
      if (ours !== undefined) {
        parts.push(
          `<rect x="${x}" y="${y(ours.p99Ms)}" width="${barW - 2}" height="${y(0) - y(ours.p99Ms)}" fill="${COLORS[s % COLORS.length]}"/>`,
          `<rect x="${x + barW * 0.25}" y="${y(ours.p50Ms)}" width="${barW * 0.5 - 2}" height="${y(0) - y(ours.p50Ms)}" fill="#08306b"/>`,
        );
      }
      if (baseline !== undefined) {
        parts.push(
          `<line x1="${x}" x2="${x + barW - 2}" y1="${y(baseline.p99Ms)}" y2="${y(baseline.p99Ms)}" stroke="black" stroke-width="3"/>`,
        );
      }
    });
    parts.push(
      `<text x="${x0 + (barW * sizes.length) / 2}" y="${height - margin.bottom + 20}" font-size="13" text-anchor="middle">${escapeXml(scenario)}</text>`,
    );
  });
  sizes.forEach((rows, s) => {
    const x = margin.left + s * 150;
    parts.push(
      `<rect x="${x}" y="${height - 40}" width="14" height="14" fill="${COLORS[s % COLORS.length]}"/>`,
      `<text x="${x + 20}" y="${height - 28}" font-size="13">${label(rows)} rows</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((step) => step * magnitude).find((candidate) => candidate >= value) ?? value;
}

/** The chart as PNG bytes, rendered without a browser (resvg, system fonts). */
export function renderPng(svg: string): Buffer {
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } })
    .render()
    .asPng();
}
