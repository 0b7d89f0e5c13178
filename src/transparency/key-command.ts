import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config';
import { isValidKeyName } from './checkpoint-note';
import { loadNotaryKey, NotaryKeyError, writeNewKey } from './notary-key';
import type { CommandIo } from './checkpoint-command';
import { messageOf } from '../common/error-message';

export const KEY_HELP = `Usage: npm run audit:key -- [--file FILE]
       npm run audit:key -- --generate FILE [--name NAME]

Prints the notary's public verifier key (C2SP vkey: <name>+<key id>+<key>), the
text a verifier needs to check signed checkpoints (audit:verify --key,
audit:verify-bundle --key). The key is read from --file, else NOTARY_KEY_FILE
(default .data/notary.key); this command never creates it.

  --generate FILE   write a new Ed25519 notary key to FILE (mode 0600; refuses
                    an existing file) and print its verifier key: for production,
                    and for rotating the key (see the README)
  --name NAME       the key's name (default NOTARY_ORIGIN)
  --help            this text

Exit code: 0 printed, 2 bad usage or no usable key.`;

interface Options {
  file?: string;
  generate?: string;
  name?: string;
}

function parse(argv: string[]): Options | 'help' | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        file: { type: 'string' },
        generate: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return messageOf(error);
  }
  if (values.help) return 'help';
  if (values.file !== undefined && values.generate !== undefined) return '--file and --generate do not go together';
  if (values.name !== undefined && values.generate === undefined) return '--name goes with --generate';
  if (values.name !== undefined && !isValidKeyName(values.name)) return '--name must be non-empty, without spaces or "+"';
  return { file: values.file, generate: values.generate, name: values.name };
}

export async function runKeyCommand(argv: string[], io: CommandIo): Promise<number> {
  const options = parse(argv);
  if (options === 'help') {
    io.out(KEY_HELP);
    return 0;
  }
  if (typeof options === 'string') {
    io.err(`${options}\n\n${KEY_HELP}`);
    return 2;
  }
  try {
    const config = loadConfig(io.env);
    if (options.generate !== undefined) {
      const created = await writeNewKey(options.generate, options.name ?? config.notaryOrigin);
      if (created === 'exists') {
        io.err(`${options.generate} exists: a key file is never overwritten`);
        return 2;
      }
      io.err(`wrote a new notary key to ${options.generate} (mode 0600)`);
      io.out(created.verifierKeyText);
      return 0;
    }
    // production: true — printing a key never generates one.
    const key = await loadNotaryKey({
      keyFile: options.file ?? config.notaryKeyFile,
      origin: config.notaryOrigin,
      production: true,
      log: io.err,
    });
    io.out(key.verifierKeyText);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof NotaryKeyError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}
