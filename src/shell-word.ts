// A word as a POSIX shell reads it back: as it is when it holds nothing the
// shell treats specially, else in single quotes. For command lines we print
// for the user to run (help examples, the command that resumes a wait).

export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
