// The process edge: real argv, environment and streams into main().
import os from 'node:os';
import { main } from './cli.js';

const exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdoutIsTty: process.stdout.isTTY === true,
  terminalColumns: process.stdout.columns,
  runtime: { nodeVersion: process.version, os: os.type(), osRelease: os.release() },
  writeStdout: (text) => process.stdout.write(text),
  writeStderr: (text) => process.stderr.write(text),
});
process.exitCode = exitCode;
