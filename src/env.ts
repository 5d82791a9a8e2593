// The environment variables of an invocation (io.env): the one type every
// room that reads them uses. Only src/main.ts hands over the real process.env.
export type Env = Readonly<Record<string, string | undefined>>;
