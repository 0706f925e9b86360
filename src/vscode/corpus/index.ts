// The corpus in VS Code: the index service, the Corpus and Corpus Search views, and their commands (search,
// annotate the hits, find claims by source across articles, export the report's tables, show an entity's places
// across the corpus). The report panel and the migration have their own modules.

import * as vscode from 'vscode';
import { annotateHits } from '../../core/corpus/annotate';
import { buildReport, instances, reportCsv, REPORT_TABLES, type CellRef, type Instance } from '../../core/corpus/report';
import { searchCorpus, type HitGrouping } from '../../core/corpus/search';
import { corpusClaims } from '../../core/corpus/views';
import { lineIndex } from '../../core/articleIndex';
import { withRegistryIds } from '../../core/edit';
import { visibleControls } from '../../core/text';
import type { AnnotationIndex } from '../annotationIndex';
import { CorpusCommands, InternalCommands } from '../commandIds';
import { applyToFile } from '../editing/apply';
import { pickerText } from '../editing/vscodePrompts';
import type { Registries } from '../registries';
import type { ReadingStore } from '../store';
import { parseCellRef } from '../../shared/reportProtocol';
import { registerCommand } from '../toolkit/commands';
import { toRange } from '../toolkit/convert';
import { Registrations } from '../toolkit/disposable';
import { UserError } from '../toolkit/errors';
import { disk, readText } from '../toolkit/files';
import { registerCorpusHover } from './hover';
import { registerMigration } from './migrate';
import { CorpusReportPanel } from './reportPanel';
import { CORPUS_SEARCH_VIEW_ID, CorpusSearchProvider, type SearchNode } from './searchView';
import { CorpusService } from './service';
import { registerCorpusView } from './view';

export interface CorpusFeatureDeps {
  context: vscode.ExtensionContext;
  annotations: AnnotationIndex;
  registries: Registries;
  store: ReadingStore;
  log: vscode.LogOutputChannel;
}

export interface CorpusFeature extends vscode.Disposable {
  service: CorpusService;
}

/** The CSV file of each table, as the command line's `--csv` writes them. */
const CSV_NAMES = {
  articles: 'articles.csv',
  frequency: 'entity-frequency.csv',
  speakersByOutlet: 'speakers-outlets.csv',
  cooccurrence: 'cooccurrence.csv',
  network: 'attribution-network.csv',
} as const;

export function registerCorpus(deps: CorpusFeatureDeps): CorpusFeature {
  const r = new Registrations();
  const service = r.add(new CorpusService({ annotations: deps.annotations, registries: deps.registries, store: deps.store, log: deps.log }));
  const corpusView = r.add(registerCorpusView(service));
  const search = r.add(new CorpusSearchProvider(service.index));
  const searchView = r.add(vscode.window.createTreeView(CORPUS_SEARCH_VIEW_ID, { treeDataProvider: search, manageCheckboxStateManually: true }));
  r.add(
    searchView.onDidChangeCheckboxState((e) => {
      for (const [node, state] of e.items) search.setChecked(node, state === vscode.TreeItemCheckboxState.Checked);
      search.refresh();
    }),
  );
  const report = r.add(new CorpusReportPanel(deps.context.extensionUri, service, deps.log, (place) => showInstance(place)));

  /** Goes to one place of the corpus: a mention or claim in its reading, else a range in the article as text. */
  const showInstance = async (place: { file: string; start: number; end: number; id?: string; kind?: Instance['kind'] }): Promise<void> => {
    const uri = vscode.Uri.parse(place.file, true);
    if (place.id !== undefined && (place.kind === 'mention' || place.kind === 'claim')) {
      await vscode.commands.executeCommand(InternalCommands.showTarget, uri.toString(), { kind: place.kind, id: place.id });
      return;
    }
    const reading = await deps.store.open(uri);
    if (!reading.articleUri || !reading.model) throw new UserError(`${vscode.workspace.asRelativePath(uri)} has no readable article`);
    const range = toRange(lineIndex(reading.model.text), place);
    await vscode.window.showTextDocument(reading.articleUri, { selection: range, preview: true });
  };

  const runSearch = async (query?: unknown, grouping?: unknown): Promise<{ hits: number; truncated: boolean } | undefined> => {
    const q =
      typeof query === 'string'
        ? query
        : await vscode.window.showInputBox({
            title: 'Search the Corpus',
            prompt: 'A name or a phrase, found in every article of the workspace (whole words, any case)',
            value: search.result?.query ?? '',
          });
    if (q === undefined || q.trim() === '') return undefined;
    await service.ready();
    const by: HitGrouping = grouping === 'entity' || grouping === 'speaker' ? grouping : 'article';
    const result = searchCorpus(service.index, q.slice(0, 500), { maxHits: 5000 });
    search.show(result, by);
    await vscode.commands.executeCommand(`${CORPUS_SEARCH_VIEW_ID}.focus`);
    searchView.message = result.hits.length
      ? `${result.hits.length}${result.truncated ? '+' : ''} hits for “${visibleControls(result.query)}”; hits not yet annotated are checked.`
      : `No hits for “${visibleControls(result.query)}”.`;
    return { hits: result.hits.length, truncated: result.truncated };
  };

  /** Annotates the checked hits as mentions of one entity: one undoable edit per file. */
  const annotate = async (arg?: unknown): Promise<{ files: number; mentions: number } | undefined> => {
    const hits = search.selected();
    if (!hits.length) throw new UserError('no hits are checked: search the corpus and check the hits to annotate');
    const byFile = new Map<string, typeof hits>();
    for (const h of hits) byFile.set(h.file, [...(byFile.get(h.file) ?? []), h]);
    const entity =
      typeof arg === 'object' && arg !== null && typeof (arg as { entity?: unknown }).entity === 'string'
        ? (arg as { entity: string }).entity
        : await pickEntity([...byFile.keys()]);
    if (!entity) return undefined;
    let mentions = 0;
    const failed: string[] = [];
    for (const [file, list] of byFile) {
      const uri = vscode.Uri.parse(file, true);
      const articleText = service.index.get(file)?.text;
      if (articleText === undefined) {
        failed.push(`${vscode.workspace.asRelativePath(uri)}: its article cannot be read`);
        continue;
      }
      try {
        const registry = deps.registries.locate(uri, await readText(uri));
        const ids = registry ? (await deps.registries.get(registry))?.ids : undefined;
        const out = await applyToFile(uri, (text) => withRegistryIds(ids, () => annotateHits(text, articleText, entity, list, ids)));
        mentions += out.created.length;
      } catch (e) {
        // One file that cannot be edited (read-only, deleted, changed meanwhile) does not stop the others.
        failed.push(e instanceof UserError ? e.message : `${vscode.workspace.asRelativePath(uri)}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const summary = `Marginalia: ${mentions} mention${mentions === 1 ? '' : 's'} added in ${byFile.size - failed.length} file${byFile.size - failed.length === 1 ? '' : 's'}${failed.length ? `; not in ${failed.length}: ${failed.join('; ')}` : ''}.`;
    void (failed.length ? vscode.window.showWarningMessage(summary) : vscode.window.showInformationMessage(summary));
    return { files: byFile.size - failed.length, mentions };
  };

  /** An entity the hits' files can name: the registry's and each file's own, by name. */
  const pickEntity = async (files: string[]): Promise<string | undefined> => {
    await service.ready();
    const seen = new Map<string, vscode.QuickPickItem & { id: string }>();
    for (const file of files) {
      const uri = vscode.Uri.parse(file, true);
      const reading = await deps.store.open(uri);
      const model = reading.model;
      if (!model) continue;
      const all = [...(model.registry?.entities ?? []), ...model.file.entities];
      for (const e of all) {
        if (seen.has(e.id)) continue;
        const type = model.types.get(e.type)?.label ?? e.type;
        seen.set(e.id, { id: e.id, label: pickerText(e.name), description: pickerText(`${type}${model.registry?.entityById.has(e.id) ? ' · registry' : ''}`) });
      }
    }
    const chosen = await vscode.window.showQuickPick(
      [...seen.values()].sort((a, b) => a.label.localeCompare(b.label)),
      {
        title: 'Annotate Selected Hits as Mentions of…',
        placeHolder: 'The entity the checked hits mention',
        matchOnDescription: true,
      },
    );
    return chosen?.id;
  };

  const findClaims = async (query?: unknown): Promise<void> => {
    await service.ready();
    const items = corpusClaims(service.index).map((c) => ({
      label: pickerText(c.speakerName),
      description: pickerText([c.via, c.title].filter((s) => s).join(' · ')),
      detail: pickerText(c.summary ?? c.text),
      file: c.file,
      id: c.id,
    }));
    const pick = vscode.window.createQuickPick<(typeof items)[number]>();
    pick.title = 'Find Claims by Source in the Corpus';
    pick.placeholder = 'Type a speaker, outlet, venue or words of the claim';
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.items = items;
    if (typeof query === 'string') pick.value = query;
    const chosen = await new Promise<(typeof items)[number] | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0] ?? pick.activeItems[0]));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    pick.dispose();
    if (chosen) await showInstance({ file: chosen.file, start: 0, end: 0, id: chosen.id, kind: 'claim' });
  };

  const exportCsv = async (arg?: unknown): Promise<string[] | undefined> => {
    await service.ready();
    const folder =
      typeof arg === 'string'
        ? vscode.Uri.parse(arg, true)
        : (
            await vscode.window.showOpenDialog({
              canSelectFolders: true,
              canSelectFiles: false,
              openLabel: 'Export Here',
              title: 'Export Corpus Tables as CSV',
            })
          )?.[0];
    if (!folder) return undefined;
    const full = buildReport(service.index);
    const written: string[] = [];
    for (const table of REPORT_TABLES) {
      const target = vscode.Uri.joinPath(folder, CSV_NAMES[table]);
      await disk.writeFile(target, reportCsv(service.index, full, table));
      written.push(target.toString());
    }
    void vscode.window.showInformationMessage(`Marginalia: ${written.length} CSV files written to ${vscode.workspace.asRelativePath(folder)}.`);
    return written;
  };

  /** The places behind an entity (its key) or a report cell, to pick one; a single place is opened at once. */
  const showInstances = async (arg?: unknown): Promise<void> => {
    if (typeof arg !== 'object' || arg === null) return;
    const a = arg as Record<string, unknown>;
    if (typeof a.file === 'string' && typeof a.start === 'number' && typeof a.end === 'number') {
      await showInstance({ file: a.file, start: a.start, end: a.end });
      return;
    }
    await service.ready();
    const cell: CellRef | undefined = typeof a.entity === 'string' ? { table: 'frequency', entity: a.entity } : parseCellRef(a.cell);
    if (!cell) return;
    const places = instances(service.index, cell);
    if (places.length === 1) return showInstance(places[0] as Instance);
    const items = places.map((p) => {
      const s = service.index.get(p.file);
      const text = s?.text?.slice(Math.max(0, p.start - 30), Math.min(s.text.length, p.end + 30)).replace(/\s+/g, ' ') ?? '';
      return { label: pickerText(s?.title ?? p.file), description: p.kind, detail: pickerText(`…${text}…`), place: p };
    });
    const chosen = await vscode.window.showQuickPick(items, { title: 'Across the Corpus', matchOnDetail: true });
    if (chosen) await showInstance(chosen.place);
  };

  r.add(registerCommand(deps, CorpusCommands.searchCorpus, 'Search the Corpus', runSearch));
  r.add(registerCommand(deps, CorpusCommands.annotateHits, 'Annotate Selected Hits', annotate));
  r.add(registerCommand(deps, CorpusCommands.findCorpusClaimsBySource, 'Find Claims by Source in the Corpus', findClaims));
  r.add(registerCommand(deps, CorpusCommands.exportCorpusCsv, 'Export Corpus Tables as CSV', exportCsv));
  r.add(registerCommand(deps, CorpusCommands.openCorpusReport, 'Open Corpus Report', () => report.open()));
  r.add(registerCommand(deps, InternalCommands.showCorpusInstances, 'Show Across the Corpus', showInstances));
  r.add(
    registerCommand(deps, InternalCommands.inspectCorpus, 'Inspect Corpus', async (arg?: unknown) => {
      if (typeof arg === 'object' && arg !== null && (arg as { rescan?: unknown }).rescan === true) await service.rescan();
      await service.ready();
      return {
        totals: service.index.totals(),
        rows: corpusView.provider.shown,
        longestStepMs: service.longestStepMs,
        viewBuildMs: corpusView.provider.lastBuildMs,
        search: {
          checked: search.selected().map((h) => ({ file: h.file, start: h.start, end: h.end, match: h.match })),
          total: search.result?.hits.length ?? 0,
        },
        report: report.lastPaint,
      };
    }),
  );
  r.add(registerMigration({ ...deps, service }));
  r.add(registerCorpusHover(deps.store, service));
  return Object.assign(r, { service });
}

export type { SearchNode };
