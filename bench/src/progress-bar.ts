/** A one-line progress bar on a terminal stream (redrawn at most every 100 ms, then finished). */
export function createProgressBar(total: number, label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastDraw = 0;
  const draw = (done: number) => {
    const fraction = total === 0 ? 1 : done / total;
    const width = 30;
    const filled = Math.round(fraction * width);
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const line =
      `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` +
      `${done.toLocaleString('en')}/${total.toLocaleString('en')} ${(fraction * 100).toFixed(0)}% ` +
      `${seconds.toFixed(1)} s, ${rate.toLocaleString('en')} rows/s`;
    stream.write(stream.isTTY ? `\r${line}` : `${line}\n`);
  };
  return {
    update(done: number) {
      if (Date.now() - lastDraw < (stream.isTTY ? 100 : 5_000)) return;
      lastDraw = Date.now();
      draw(done);
    },
    finish(done: number) {
      draw(done);
      if (stream.isTTY) stream.write('\n');
    },
  };
}
