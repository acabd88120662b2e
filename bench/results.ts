/** A target a measured value is held to. */
export type Target =
  { kind: 'at-least'; value: number; of: 'value' | 'ratio' } | { kind: 'below'; value: number; of: 'value' | 'ratio' };

/** One line of the results table. */
export interface ResultRow {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  target?: Target;
}

/** What a benchmark hands back: its rows, and notes for the record (conditions, counts, findings). */
export interface BenchReport {
  rows: ResultRow[];
  notes: string[];
}

export function ratioOf(row: ResultRow): number | undefined {
  return row.baseline === undefined || row.baseline === 0 ? undefined : row.value / row.baseline;
}

export function isMet(row: ResultRow): boolean | undefined {
  if (row.target === undefined) return undefined;
  const measured = row.target.of === 'ratio' ? ratioOf(row) : row.value;
  if (measured === undefined || !Number.isFinite(measured)) return false;
  return row.target.kind === 'at-least' ? measured >= row.target.value : measured < row.target.value;
}

function formatNumber(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

function formatTarget(row: ResultRow): string {
  const target = row.target;
  if (target === undefined) return '';
  const subject = target.of === 'ratio' ? 'ratio' : '';
  const bound = target.of === 'ratio' ? String(target.value) : formatNumber(target.value, row.unit);
  return `${subject}${subject ? ' ' : ''}${target.kind === 'at-least' ? '≥' : '<'} ${bound}`;
}

const headers = ['benchmark', 'value', 'baseline', 'ratio', 'target', 'met?'];

function cells(row: ResultRow): string[] {
  const ratio = ratioOf(row);
  const met = isMet(row);
  return [
    row.name,
    formatNumber(row.value, row.unit),
    row.baseline === undefined ? '' : formatNumber(row.baseline, row.unit),
    ratio === undefined ? '' : ratio.toFixed(2),
    formatTarget(row),
    met === undefined ? '' : met ? 'yes' : 'NO',
  ];
}

/** The table as aligned plain text, for the terminal. */
export function textTable(rows: readonly ResultRow[]): string {
  const body = rows.map(cells);
  const widths = headers.map((header, i) => Math.max(header.length, ...body.map((line) => line[i]!.length)));
  const numeric = [false, true, true, true, false, false];
  const line = (values: string[]): string =>
    values
      .map((value, i) => (numeric[i] ? value.padStart(widths[i]!) : value.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

/** The table in Markdown, for bench/results/latest.md. */
export function markdownTable(rows: readonly ResultRow[]): string {
  const escape = (value: string): string => value.replace(/\|/g, '\\|');
  return [
    `| ${headers.join(' | ')} |`,
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...rows.map((row) => `| ${cells(row).map(escape).join(' | ')} |`),
  ].join('\n');
}
