// The `yaml` parser reads process.env.LOG_TOKENS for every token it parses. Node answers each read
// of process.env through a native accessor, about 0.3 µs, which adds up to a tenth of parsing a
// large portfolio. A process or worker thread the engine owns (the command line, the editor's
// engine worker) swaps it for a plain copy with the same values, read at the speed of any object.
// Never call it in the extension host, whose process.env every extension shares.
export function usePlainEnvironment(): void {
  process.env = { ...process.env };
}
