// The result as the user asked to see it: --query first, then the format.
import { CliError } from '../errors.js';
import { fromJs } from '../python/value.js';
import { formatJson } from './json.js';
import type { CompiledQuery } from './query.js';
import { formatTable } from './table.js';
import { escapeControlsDeep, escapeJsonControls } from './terminal.js';
import { formatText } from './text.js';
import { formatYaml, formatYamlStream } from './yaml.js';

export interface OutputOptions {
  readonly format: string;
  readonly query: CompiledQuery | undefined;
  readonly color: boolean;
  /** Columns available for table output (80 when stdout is not a terminal). */
  readonly terminalWidth: number;
  /** The table title: the operation name. */
  readonly title: string;
  /** stdout is a terminal: control characters in values are shown escaped (terminal.ts). */
  readonly terminal?: boolean;
}

export function formatOutput(result: unknown, options: OutputOptions): string {
  const data = fromJs(result);
  const queried = options.query ? options.query.search(data) : data;
  // After the query (which sees the values as they are), before the formatter (which adds its own escapes and colours).
  const value = options.terminal && options.format !== 'json' ? escapeControlsDeep(queried) : queried;
  switch (options.format) {
    case 'json':
      return options.terminal ? escapeJsonControls(formatJson(value)) : formatJson(value);
    case 'text':
      return formatText(value);
    case 'table':
      return formatTable(value, { title: options.title, terminalWidth: options.terminalWidth, color: options.color });
    case 'yaml':
      return formatYaml(value);
    case 'yaml-stream':
      return formatYamlStream(value);
    case 'off':
      return '';
    default:
      throw new CliError('general', `Unknown output type: ${options.format}`);
  }
}
