/** Prefixed, timestamped progress lines for the start and test scripts. */
export function logger(prefix: string): (line: string) => void {
  return (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${prefix} ${line}`);
}
