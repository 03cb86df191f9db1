// Offsets to 0-based line and character positions (UTF-16 code units, as VS Code counts them).

/** The number of entries of the sorted `values` that are at most `value`. */
function upperBound(values: Float64Array, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: Float64Array;

  constructor(
    private readonly text: string,
    starts?: Float64Array,
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    const found = [0];
    let at = text.indexOf('\n');
    while (at !== -1) {
      found.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    this.starts = Float64Array.from(found);
  }

  /**
   * The index of `text`, which is the previous text with old[start, end) replaced by `inserted`:
   * line starts before the change are kept, those after it shifted, without scanning the text.
   */
  static afterChange(previous: LineIndex, text: string, change: { start: number; end: number; text: string }): LineIndex {
    const old = previous.starts;
    const delta = change.text.length - (change.end - change.start);
    const keep = upperBound(old, change.start);
    const rest = upperBound(old, change.end);
    const inserted: number[] = [];
    for (let at = change.text.indexOf('\n'); at !== -1; at = change.text.indexOf('\n', at + 1)) inserted.push(change.start + at + 1);
    const starts = new Float64Array(keep + inserted.length + old.length - rest);
    starts.set(old.subarray(0, keep));
    starts.set(inserted, keep);
    let to = keep + inserted.length;
    for (let i = rest; i < old.length; i++) starts[to++] = old[i]! + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low]! };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[position.line]!;
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1]! : this.text.length;
    return Math.min(lineStart + Math.max(0, position.character), next);
  }

  /** Whether `position` is exactly where `offset` is: an O(1) check that a stored range still holds. */
  isAt(position: Position, offset: number): boolean {
    const { line, character } = position;
    if (line < 0 || line >= this.starts.length || character < 0) return false;
    const lineStart = this.starts[line]!;
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length + 1;
    return lineStart + character === offset && offset < next;
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}
