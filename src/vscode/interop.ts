// "Export Annotations…" and "Import Annotations…": a format picker and a file dialog around the core's
// src/core/interop. Export writes the chosen format beside the annotation file (brat: three files into a folder).
// Import re-anchors the foreign annotations in the article and merges them into the annotation file as one
// undoable edit (applyToFile), or writes a new annotation file; the foreign file's problems appear in the
// Problems panel at their line. An argument object (tests, other extensions) answers the questions instead.

import * as vscode from 'vscode';
import { idsIn } from '../core/edit';
import {
  EXPORT_FORMATS,
  exportAnnotations,
  IMPORT_FORMATS,
  importAnnotations,
  ImportError,
  isExportFormat,
  isImportFormat,
  mergeIntoFile,
  newFileText,
  type ExportFormat,
  type ImportFormat,
  type ImportResult,
  type ImportSources,
  type InteropProblem,
} from '../core/interop';
import { MAX_FOREIGN_CHARS } from '../core/interop/foreign';
import { visibleControls } from '../core/text';
import type { AnnotationIndex } from './annotationIndex';
import { Commands } from './commandIds';
import { applyToFile, whyNotEditable } from './editing/apply';
import type { ReaderManager } from './reader';
import type { Reading, ReadingStore } from './store';
import { registerCommand } from './toolkit/commands';
import { Registrations } from './toolkit/disposable';
import { UserError } from './toolkit/errors';
import { disk, exists, fileName, readText } from './toolkit/files';

export interface InteropDeps {
  store: ReadingStore;
  readers: ReaderManager;
  index: AnnotationIndex;
  log: vscode.LogOutputChannel;
}

const EXPORTS: Record<ExportFormat, { label: string; detail: string; filters?: Record<string, string[]> }> = {
  w3c: { label: 'W3C Web Annotation (JSON-LD)', detail: 'lossless: an AnnotationCollection any W3C tool reads', filters: { 'JSON-LD': ['jsonld', 'json'] } },
  brat: { label: 'brat standoff', detail: '.txt, .ann and annotation.conf into a folder', filters: undefined },
  pubannotation: { label: 'PubAnnotation JSON', detail: 'for PubAnnotation, TextAE and INCEpTION', filters: { JSON: ['json'] } },
  spacy: { label: 'spaCy / Prodigy JSONL', detail: 'entity spans for training NER models', filters: { JSONL: ['jsonl'] } },
  csv: { label: 'CSV', detail: 'one row per mention and claim, for R, pandas and spreadsheets', filters: { CSV: ['csv'] } },
};

const IMPORTS: Record<ImportFormat, { label: string; detail: string; filters: Record<string, string[]> }> = {
  w3c: {
    label: 'W3C Web Annotation (JSON-LD)',
    detail: 'a Marginalia export, or any annotations with text-quote selectors',
    filters: { 'JSON-LD': ['jsonld', 'json'] },
  },
  hypothesis: { label: 'Hypothesis', detail: 'its JSON export or API search results', filters: { JSON: ['json'] } },
  brat: { label: 'brat standoff', detail: 'a .ann file with its .txt beside it', filters: { 'brat annotations': ['ann'] } },
  pubannotation: { label: 'PubAnnotation JSON', detail: 'from PubAnnotation, TextAE or INCEpTION', filters: { JSON: ['json'] } },
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A URI string field of an argument object, checked. */
function uriField(args: Json, key: string): vscode.Uri | undefined {
  const v = args[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UserError(`\`${key}\` must be a URI string`);
  try {
    return vscode.Uri.parse(v, true);
  } catch {
    throw new UserError(`\`${key}\` is not a URI`);
  }
}

/** The `format` field of an argument object, checked against the formats a command takes. */
function formatField<F extends string>(args: Json, ok: (s: string) => s is F, all: readonly string[]): F | undefined {
  const v = args.format;
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !ok(v)) throw new UserError(`\`format\` must be one of ${all.join(', ')}`);
  return v;
}

function argsOf(arg: unknown): { uri?: vscode.Uri; args: Json } {
  if (arg instanceof vscode.Uri) return { uri: arg, args: {} };
  if (arg === undefined || arg === null) return { args: {} };
  if (!isObject(arg)) throw new UserError('the command takes a file or an argument object');
  return { args: arg };
}

const isAnnotationFile = (uri: vscode.Uri): boolean => uri.path.endsWith('.annotations.json');

/** `to` relative to the folder of `from`, with `/` separators (what `article.path` holds). */
function relativePath(from: vscode.Uri, to: vscode.Uri): string {
  const a = from.path.split('/').slice(0, -1);
  const b = to.path.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

function problemLine(p: InteropProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${visibleControls(p.message)}`;
}

export function registerInterop(deps: InteropDeps): vscode.Disposable {
  const { store, readers, index, log } = deps;
  const r = new Registrations();
  const diagnostics = r.add(vscode.languages.createDiagnosticCollection('marginalia-import'));

  /** The annotation file a command is about: the one given, the one naming a given article, the reader's, or a pick. */
  async function annotationFile(uri: vscode.Uri | undefined, title: string): Promise<vscode.Uri | undefined> {
    if (uri && isAnnotationFile(uri)) return uri;
    if (uri) {
      const files = await index.annotationFilesFor(uri);
      if (files.length <= 1) return files[0];
      return (
        await vscode.window.showQuickPick(
          files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f })),
          { title },
        )
      )?.uri;
    }
    const active = readers.activeReading();
    if (active) return active.uri;
    const files = await index.files();
    if (files.length === 0) throw new UserError('no *.annotations.json file in this workspace');
    return (
      await vscode.window.showQuickPick(
        files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f })),
        { title, placeHolder: 'Choose an annotation file' },
      )
    )?.uri;
  }

  async function loaded(uri: vscode.Uri): Promise<Reading & { model: NonNullable<Reading['model']> }> {
    const reading = await store.open(uri);
    const model = reading.model;
    if (!model || !reading.articleUri) throw new UserError(`${fileName(uri)} cannot be read with its article (see the Problems panel); fix it first`);
    return { ...reading, model };
  }

  r.add(
    registerCommand(deps, Commands.exportAnnotations, 'Export Annotations', async (arg?: unknown) => {
      const { uri, args } = argsOf(arg);
      const file = uriField(args, 'file') ?? (await annotationFile(uri, 'Export Annotations'));
      if (!file) return undefined;
      const reading = await loaded(file);
      let format = formatField(args, isExportFormat, EXPORT_FORMATS);
      format ??= (
        await vscode.window.showQuickPick(
          EXPORT_FORMATS.map((f) => ({ label: EXPORTS[f].label, detail: EXPORTS[f].detail, format: f })),
          { title: `Export ${fileName(file)}`, placeHolder: 'Choose a format' },
        )
      )?.format;
      if (!format) return undefined;
      const articleName = fileName(reading.articleUri ?? file);
      const result = exportAnnotations(format, {
        model: reading.model,
        fileText: reading.fileText,
        fileName: vscode.workspace.asRelativePath(file),
        articleName,
      });
      const folder = vscode.Uri.joinPath(file, '..');
      let targets: vscode.Uri[];
      if (format === 'brat') {
        const dir =
          uriField(args, 'destination') ??
          (
            await vscode.window.showOpenDialog({
              canSelectFiles: false,
              canSelectFolders: true,
              canSelectMany: false,
              defaultUri: folder,
              openLabel: 'Export Here',
              title: 'Folder for the brat files',
            })
          )?.[0];
        if (!dir) return undefined;
        targets = result.files.map((f) => vscode.Uri.joinPath(dir, f.name));
      } else {
        const first = result.files[0];
        const to =
          uriField(args, 'destination') ??
          (await vscode.window.showSaveDialog({
            defaultUri: vscode.Uri.joinPath(folder, first?.name ?? 'export'),
            filters: EXPORTS[format].filters,
            title: `Export as ${EXPORTS[format].label}`,
          }));
        if (!to) return undefined;
        targets = [to];
      }
      for (const [i, t] of targets.entries()) await disk.writeFile(t, result.files[i]?.content ?? '');
      for (const p of result.problems) log.info(`export ${format}: ${problemLine(p)}`);
      const where =
        targets.length === 1
          ? vscode.workspace.asRelativePath(targets[0] as vscode.Uri)
          : vscode.workspace.asRelativePath(vscode.Uri.joinPath(targets[0] as vscode.Uri, '..'));
      const notes = result.problems.length ? ` ${result.problems.length} notes on what ${EXPORTS[format].label} cannot hold are in the Marginalia output.` : '';
      void vscode.window
        .showInformationMessage(`Marginalia: exported ${fileName(file)} to ${where}.${notes}`, ...(notes ? ['Show'] : []))
        .then((c) => c && log.show(true));
      return { files: targets.map((t) => t.toString()), problems: result.problems.length };
    }),
  );

  /** The foreign files of an import, read through open documents first, refused when too large. */
  async function sources(format: ImportFormat, source: vscode.Uri): Promise<{ src: ImportSources; uris: Map<string, vscode.Uri> }> {
    const uris = new Map<string, vscode.Uri>();
    const read = async (uri: vscode.Uri): Promise<{ name: string; text: string }> => {
      let size = 0;
      try {
        size = (await disk.stat(uri)).size;
      } catch {
        throw new UserError(`${fileName(uri)} cannot be read; nothing was imported`);
      }
      if (size > MAX_FOREIGN_CHARS * 2) throw new UserError(`${fileName(uri)} is ${size} bytes; the limit is ${MAX_FOREIGN_CHARS * 2}; nothing was imported`);
      const name = vscode.workspace.asRelativePath(uri);
      uris.set(name, uri);
      return { name, text: await readText(uri) };
    };
    if (format !== 'brat') return { src: { main: await read(source) }, uris };
    const base = source.path.replace(/\.(ann|txt)$/, '');
    const src: ImportSources = { main: await read(source.with({ path: `${base}.ann` })), text: await read(source.with({ path: `${base}.txt` })) };
    const conf = vscode.Uri.joinPath(source, '..', 'annotation.conf');
    if (await exists(conf)) src.config = await read(conf);
    return { src, uris };
  }

  function publish(result: ImportResult, uris: Map<string, vscode.Uri>): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of result.problems) {
      const severity =
        p.severity === 'error'
          ? vscode.DiagnosticSeverity.Error
          : p.severity === 'warning'
            ? vscode.DiagnosticSeverity.Warning
            : vscode.DiagnosticSeverity.Information;
      const at = new vscode.Position(p.line - 1, p.column - 1);
      const d = new vscode.Diagnostic(new vscode.Range(at, at.translate(0, Math.max(1, Math.min(p.length, 200)))), visibleControls(p.message), severity);
      d.source = 'Marginalia import';
      d.code = p.code;
      byFile.set(p.file, [...(byFile.get(p.file) ?? []), d]);
      log.info(`import: ${problemLine(p)}`);
    }
    for (const [name, uri] of uris) diagnostics.set(uri, byFile.get(name) ?? []);
  }

  r.add(
    registerCommand(deps, Commands.importAnnotations, 'Import Annotations', async (arg?: unknown) => {
      const { uri, args } = argsOf(arg);
      let format = formatField(args, isImportFormat, IMPORT_FORMATS);
      format ??= (
        await vscode.window.showQuickPick(
          IMPORT_FORMATS.map((f) => ({ label: IMPORTS[f].label, detail: IMPORTS[f].detail, format: f })),
          { title: 'Import Annotations', placeHolder: 'The format of the annotations to import' },
        )
      )?.format;
      if (!format) return undefined;
      // Where to: an annotation file (merge), or an article (its annotation file, or a new one beside it).
      let target = uriField(args, 'file') ?? (uri && isAnnotationFile(uri) ? uri : undefined);
      let article = uriField(args, 'article') ?? (uri && !isAnnotationFile(uri) ? uri : undefined);
      if (!target && article) target = (await index.annotationFilesFor(article))[0];
      if (!target && !article) {
        const active = readers.activeReading();
        const choice = active
          ? await vscode.window.showQuickPick(
              [
                { label: `Into ${fileName(active.uri)}`, detail: 'merged as one edit you can undo', uri: active.uri },
                { label: 'Into a new annotation file…', detail: 'for an article you choose' },
              ],
              {
                title: 'Import Annotations',
              },
            )
          : { label: '' };
        if (!choice) return undefined;
        if ('uri' in choice && choice.uri) target = choice.uri;
        else {
          article = (
            await vscode.window.showOpenDialog({ canSelectMany: false, title: 'The article the annotations are about', openLabel: 'Choose Article' })
          )?.[0];
          if (!article) return undefined;
          target = (await index.annotationFilesFor(article))[0];
        }
      }
      const source =
        uriField(args, 'source') ??
        (
          await vscode.window.showOpenDialog({
            canSelectMany: false,
            filters: IMPORTS[format].filters,
            title: `Import ${IMPORTS[format].label}`,
            openLabel: 'Import',
          })
        )?.[0];
      if (!source) return undefined;
      const { src, uris } = await sources(format, source);

      let result: ImportResult;
      let into: vscode.Uri;
      try {
        if (target && (await exists(target))) {
          into = target;
          const refusal = await whyNotEditable(target);
          if (refusal) throw new UserError(refusal);
          const reading = await loaded(target);
          if (article && reading.articleUri?.toString() !== article.toString())
            throw new UserError(`${fileName(target)} annotates ${fileName(reading.articleUri ?? target)}, not ${fileName(article)}; nothing was imported`);
          const computed = importAnnotations(format, src, reading.model.text, { model: reading.model, ids: idsIn(reading.fileText ?? '') });
          result = computed;
          await applyToFile(target, (text) => mergeIntoFile(text, computed));
        } else {
          if (!article) throw new UserError('choose the article the annotations are about');
          const base = fileName(article).replace(/\.[^.]*$/, '') || 'article';
          into = target ?? vscode.Uri.joinPath(article, '..', `${base}.annotations.json`);
          if (await exists(into)) throw new UserError(`${fileName(into)} already exists; import into it instead`);
          const text = await readText(article);
          result = importAnnotations(format, src, text);
          await disk.writeFile(into, newFileText(result, relativePath(into, article), text));
        }
      } catch (e) {
        if (e instanceof ImportError) throw new UserError(e.message);
        throw e;
      }
      publish(result, uris);
      await readers.open(into);
      const a = result.additions;
      const errors = result.problems.filter((p) => p.severity === 'error').length;
      const summary = `Marginalia: imported ${a.mentions.length} mentions, ${a.claims.length} claims, ${a.entities.length} new entities and ${a.relations.length} relations into ${fileName(into)}.`;
      const more = result.problems.length
        ? ` ${result.problems.length} problems (${errors} errors) are in the Problems panel, at their place in ${fileName(source)}.`
        : '';
      const show = errors ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(summary + more, ...(more ? ['Show Problems'] : [])).then((c) => c && vscode.commands.executeCommand('workbench.actions.view.problems'));
      return {
        file: into.toString(),
        mentions: a.mentions.length,
        claims: a.claims.length,
        entities: a.entities.length,
        relations: a.relations.length,
        problems: result.problems.length,
        errors,
      };
    }),
  );
  return r;
}
