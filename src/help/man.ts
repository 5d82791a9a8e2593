// The man page (dist/copy-snapshot.1, built by scripts/build.mjs and installed
// through package.json's "man" field): the help page, as `copy-snapshot help`
// prints it when piped, in roff. Section headings become .SH; everything else
// is kept as laid out (no filling), so `man copy-snapshot` reads as the help.
import packageInfo from '../../package.json' with { type: 'json' };
import { COPY_SNAPSHOT } from '../model/copy-snapshot.js';
import type { OperationModel } from '../model/shapes.js';
import { renderHelp } from './render.js';

/** Width the page is laid out for: with man's indentation of 7, it fits 80 columns. */
const MAN_WIDTH = 72;

/** A line of text as roff prints it literally. */
export function roffLine(line: string): string {
  const escaped = line.replaceAll('\\', '\\e').replaceAll('-', '\\-');
  // A line starting with . or ' would be read as a request.
  return /^[.']/.test(escaped) ? `\\&${escaped}` : escaped;
}

export function renderManPage(operation: OperationModel = COPY_SNAPSHOT): string {
  const lines = renderHelp({ styled: false, width: MAN_WIDTH }, operation).replace(/\n$/, '').split('\n');
  const out = [
    `.\\" Generated from the model by scripts/build.mjs; do not edit.`,
    `.TH ${operation.cliName.toUpperCase()} 1 "" "${operation.cliName} ${packageInfo.version}" "User Commands"`,
  ];
  let inBody = false;
  for (const line of lines) {
    if (/^\S/.test(line)) {
      if (inBody) out.push('.fi');
      out.push(`.SH ${roffLine(line)}`, '.nf');
      inBody = true;
      continue;
    }
    // The help page indents section bodies by 4; man indents them itself.
    out.push(line === '' ? '' : roffLine(line.replace(/^ {4}/, '')));
  }
  if (inBody) out.push('.fi');
  return `${out.map((l) => (l === '' ? '.sp' : l)).join('\n')}\n`;
}
