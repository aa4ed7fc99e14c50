/** A one-line progress bar on a terminal; a line per 10 % elsewhere (CI logs). */
export function progress(label: string, total: number) {
  let done = 0;
  let lastDecile = -1;
  const tty = process.stderr.isTTY;
  const draw = () => {
    const ratio = total === 0 ? 1 : done / total;
    if (tty) {
      const width = 30;
      const filled = Math.round(ratio * width);
      process.stderr.write(`\r${label.padEnd(12)} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}`);
    } else if (Math.floor(ratio * 10) > lastDecile) {
      lastDecile = Math.floor(ratio * 10);
      process.stderr.write(`${label} ${done}/${total}\n`);
    }
  };
  draw();
  return {
    tick(n: number) {
      done += n;
      draw();
    },
    done() {
      done = total;
      draw();
      if (tty) process.stderr.write("\n");
    },
  };
}
