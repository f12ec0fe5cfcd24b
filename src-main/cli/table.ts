/** A plain-text table with aligned columns, for terminals and closing notes alike. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))]
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n') + '\n'
}

export function megabytes(bytes: number): string {
  return (bytes / 1048576).toFixed(1)
}

/** The same table in Markdown, for reports pasted into notes and issues. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const line = (r: (string | number)[]): string => `| ${r.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n') + '\n'
}
