/**
 * How far the copy is, on stderr. On a terminal: one line redrawn in place (`\r`) with the
 * table, rows done of its total and a bar. In a log or a pipe, where `\r` would pile up: a plain
 * line per table when it is done, and one each tenth of the way through a big one.
 */
const BAR_WIDTH = 24;
const NAME_WIDTH = 16;

export class ProgressBar {
  readonly #stream: NodeJS.WritableStream;
  readonly #tty: boolean;
  #table = '';
  #total = 0;
  #tenthsShown = 0;

  constructor(stream: NodeJS.WritableStream, tty: boolean) {
    this.#stream = stream;
    this.#tty = tty;
  }

  begin(table: string, done: number, total: number): void {
    this.#table = table;
    this.#total = total;
    this.#tenthsShown = this.#tenths(done);
    if (this.#tty) this.#draw(done);
    else if (done > 0 && done < total) this.#line(done, ' (resumed)');
  }

  update(done: number): void {
    if (this.#tty) return this.#draw(done);
    const tenths = this.#tenths(done);
    if (tenths > this.#tenthsShown && tenths < 10) this.#line(done, '');
    this.#tenthsShown = tenths;
  }

  end(done: number): void {
    if (this.#tty) {
      this.#draw(done);
      this.#stream.write('\n');
    } else {
      this.#line(done, '');
    }
  }

  #tenths(done: number): number {
    return this.#total === 0 ? 10 : Math.floor((Math.min(done, this.#total) * 10) / this.#total);
  }

  #counts(done: number): string {
    const percent =
      this.#total === 0 ? 100 : Math.floor((Math.min(done, this.#total) * 100) / this.#total);
    return `${done}/${this.#total} ${String(percent).padStart(3)}%`;
  }

  #line(done: number, note: string): void {
    this.#stream.write(`${this.#table.padEnd(NAME_WIDTH)} ${this.#counts(done)}${note}\n`);
  }

  #draw(done: number): void {
    const filled =
      this.#total === 0
        ? BAR_WIDTH
        : Math.round((Math.min(done, this.#total) * BAR_WIDTH) / this.#total);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
    // `\x1b[K` clears what a longer previous line left to the right.
    this.#stream.write(`\r${this.#table.padEnd(NAME_WIDTH)} ${bar} ${this.#counts(done)}\x1b[K`);
  }
}
