/** A Jupyter notebook (Python kernel) as Jupyter writes one: one-space indent, each source line a string of its own, a final newline. */
export function jupyterText(cells: readonly ['code' | 'markdown', string[]][]): string {
  const notebook = {
    cells: cells.map(([cellType, source]) => ({ cell_type: cellType, metadata: {}, ...(cellType === 'code' ? { execution_count: null, outputs: [] } : {}), source })),
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
