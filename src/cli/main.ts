// `marginalia`: the command-line tool over the same pure core as the extension. Each command is one module
// with one entry in COMMANDS. Exit codes: 0 no errors, 1 errors in a file, 2 usage or I/O errors. Never a
// stack trace.

import { show } from '../core/json';
import { agreeCommand } from './agree';
import { corpus, corpusWorker } from './corpus';
import { exportCommand } from './export';
import { UsageError } from './files';
import { importCommand } from './import';
import { inspect } from './inspect';
import { mergeCommand } from './merge';
import { Refused } from './refused';
import { validate } from './validate';

/** What a command receives: its positional arguments and the options it declared. */
export interface Invocation {
  args: string[];
  flags: ReadonlySet<string>;
  options: ReadonlyMap<string, string>;
}

interface Command {
  usage: string;
  help: string;
  /** Flags without a value (`--json`) and options with one (`--root DIR`). */
  flags?: string[];
  options?: string[];
  run(inv: Invocation): number | Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  validate: {
    usage: 'validate [--root DIR] FILE...',
    help: 'check annotation files (syntax, schema, references, anchoring against the article); prints FILE:LINE:COL: severity: message (json.path); exit 0 if no errors, 1 if any, 2 on usage or I/O errors',
    options: ['--root'],
    run: ({ args, options }) => {
      if (args.length === 0) throw new UsageError('validate takes one or more FILEs');
      return validate(args, options.get('--root'));
    },
  },
  inspect: {
    usage: 'inspect [--root DIR] FILE [--json]',
    help: 'print the resolved, anchored model: a summary, or one JSON object with --json',
    flags: ['--json'],
    options: ['--root'],
    run: ({ args, flags, options }) => inspect(args, flags.has('--json'), options.get('--root')),
  },
  agree: {
    usage: 'agree [--root DIR] A B [--json]',
    help: "agreement between two annotations of one article, A the reference: mention span F1 (exact, overlapping, per type), Cohen's kappa on types, claim span and attribution F1, and every disagreement",
    flags: ['--json'],
    options: ['--root'],
    run: ({ args, flags, options }) => agreeCommand(args, flags.has('--json'), options.get('--root')),
  },
  merge: {
    usage: 'merge [--path P] [--marker-size N] [--output FILE] BASE OURS THEIRS',
    help: 'three-way merge by id, the git merge driver (%O %A %B): writes OURS (or FILE); true conflicts become entries in "conflicts"; exit 0 clean, 1 conflicts remain, 2 on usage or I/O errors',
    options: ['--path', '--marker-size', '--output'],
    run: ({ args, options }) => {
      const opts: { path?: string; markerSize?: string; output?: string } = {};
      for (const [flag, key] of [
        ['--path', 'path'],
        ['--marker-size', 'markerSize'],
        ['--output', 'output'],
      ] as const) {
        const v = options.get(flag);
        if (v !== undefined) opts[key] = v;
      }
      return mergeCommand(args, opts);
    },
  },
  corpus: {
    usage: 'corpus [--root DIR] DIR... [--json] [--csv OUTDIR]',
    help: 'every *.annotations.json under DIR (recursively) as one corpus: totals, speakers and their outlets, entities in several articles, problems; one JSON object with --json; the report tables as CSV files in OUTDIR with --csv; exit 0 if no errors, 1 if any, 2 on usage or I/O errors',
    flags: ['--json'],
    options: ['--root', '--csv'],
    run: ({ args, flags, options }) => {
      if (args.length === 0) throw new UsageError('corpus takes one or more DIRs');
      return corpus(args, flags.has('--json'), options.get('--root'), options.get('--csv'));
    },
  },
  export: {
    usage: 'export [--root DIR] FILE --to w3c|brat|pubannotation|spacy|csv [--out PATH]',
    help: 'write the annotations in another tool’s format (stdout without --out; brat: three files into the --out folder); what the format cannot hold is reported on stderr',
    options: ['--root', '--to', '--out'],
    run: ({ args, options }) => exportCommand(args, options.get('--to'), options.get('--out'), options.get('--root')),
  },
  import: {
    usage: 'import [--root DIR] PATH --from w3c|hypothesis|brat|pubannotation --article ARTICLE --out FILE',
    help: 'read another tool’s annotations, re-anchor them in ARTICLE and write FILE (merged when it exists); exit 0 imported, 1 some items had errors, 2 nothing imported',
    options: ['--root', '--from', '--article', '--out'],
    run: ({ args, options }) => importCommand(args, options),
  },
  suggest: {
    usage: 'suggest [--root DIR] [--registry PATH] FILE [--json]',
    help: "suggested mentions and attributed claims for the file's article (nothing is written); --json prints { suggestions: [...] }; --registry adds the entities of other annotation files (a file or a folder)",
    flags: ['--json'],
    options: ['--root', '--registry'],
    // Loaded on use: the language model's lexicon takes a second to build, in every thread (`corpus` starts workers).
    run: async ({ args, flags, options }) =>
      (await import('./suggest.js')).suggestCommand(args, flags.has('--json'), options.get('--root'), options.get('--registry')),
  },
  new: {
    usage: 'new [--root DIR] ARTICLE',
    help: 'start an annotated reading of a .txt, .md, .html or .htm file: writes ARTICLE.annotations.json beside it (a saved page is first extracted once into a frozen .md), never over an existing file; prints the annotation file last; exit 0 when written, 1 when refused, 2 on usage or I/O errors',
    options: ['--root'],
    // Loaded on use: the DOM, Readability and the Markdown parser would slow every other command's start.
    run: async ({ args, options }) => (await import('./new.js')).newReading(args, options.get('--root')),
  },
};

const ROOT_HELP = `--root DIR: the folder an article path must stay inside (default: the nearest folder holding .git or .marginalia, else the annotation file's folder)`;

function usage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  const lines = Object.values(COMMANDS).map((c, i) => `${i === 0 ? 'usage: ' : '       '}marginalia ${c.usage}`);
  const help = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(width)}   ${c.help}`);
  return [...lines, '', ...help, '', `  ${ROOT_HELP}`].join('\n');
}

function parse(cmd: Command, rest: string[]): Invocation {
  const args: string[] = [];
  const flags = new Set<string>();
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (!a.startsWith('-') || a === '-') args.push(a);
    else if (cmd.flags?.includes(a)) flags.add(a);
    else if (cmd.options?.includes(a)) {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      options.set(a, v);
    } else throw new UsageError(`unknown option ${show(a)}`);
  }
  return { args, flags, options };
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return 0;
  }
  if (name === '--version') {
    console.log('marginalia 0.1.0');
    return 0;
  }
  const cmd = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!cmd) throw new UsageError(name === undefined ? 'no command given' : `unknown command ${show(name)}`);
  return await cmd.run(parse(cmd, rest));
}

function fail(e: unknown): number {
  if (e instanceof UsageError) console.error(`marginalia: error: ${e.message}\n${usage()}`);
  else console.error(`marginalia: ${e instanceof Refused ? '' : 'error: '}${e instanceof Error ? e.message : String(e)}`);
  return e instanceof Refused ? 1 : 2;
}

// A command may work on several threads: this bundle is also what they run.
if (!corpusWorker()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.exitCode = fail(e);
    },
  );
}
