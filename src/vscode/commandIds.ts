// Every command id in one place; the manifest test checks package.json against this table.

/** Annotating (src/vscode/editing.ts): in the palette, the editor's and the reader's context menus. */
export const EditingCommands = {
  annotateMention: 'marginalia.annotateMention',
  annotateAll: 'marginalia.annotateAllOccurrences',
  addClaim: 'marginalia.addClaim',
  editEntity: 'marginalia.editEntity',
  editAttribution: 'marginalia.editClaimAttribution',
  deleteAnnotation: 'marginalia.deleteAnnotation',
  reanchor: 'marginalia.reanchor',
  acceptAllRelocations: 'marginalia.acceptAllRelocations',
  /** Tree items, Quick Fixes and tests only. */
  acceptAnchor: 'marginalia.acceptAnchor',
  createEntity: 'marginalia.createEntity',
  editTypes: 'marginalia.editTypes',
} as const;

/** Two annotators (src/vscode/collab/): agreement, curation, git merging. */
export const CollabCommands = {
  compare: 'marginalia.compareAnnotations',
  curate: 'marginalia.curateAnnotations',
  setUpGit: 'marginalia.setUpGitMerging',
  resolveConflicts: 'marginalia.resolveAnnotationConflicts',
} as const;

/** The corpus (src/vscode/corpus/): every annotation file of the workspace at once. */
export const CorpusCommands = {
  searchCorpus: 'marginalia.searchCorpus',
  annotateHits: 'marginalia.annotateSearchHits',
  openCorpusReport: 'marginalia.openCorpusReport',
  exportCorpusCsv: 'marginalia.exportCorpusCsv',
  moveEntitiesToRegistry: 'marginalia.moveEntitiesToRegistry',
  showCorpusClaims: 'marginalia.showCorpusClaims',
  showArticleClaims: 'marginalia.showArticleClaims',
  findCorpusClaimsBySource: 'marginalia.findCorpusClaimsBySource',
} as const;

/** Suggested annotations (src/vscode/suggestions): the Suggestions view, the reader's review keys, the palette. */
export const SuggestionCommands = {
  suggest: 'marginalia.suggestAnnotations',
  accept: 'marginalia.acceptSuggestion',
  reject: 'marginalia.rejectSuggestion',
  skip: 'marginalia.skipSuggestion',
  undo: 'marginalia.undoSuggestionReview',
  acceptWithEdits: 'marginalia.acceptSuggestionWithEdits',
  /** Tree rows only: every suggestion of one entity, or every mention of known entities. */
  acceptGroup: 'marginalia.acceptSuggestionGroup',
  clear: 'marginalia.clearSuggestions',
} as const;

export const Commands = {
  ...EditingCommands,
  ...SuggestionCommands,
  ...CollabCommands,
  ...CorpusCommands,
  openArticle: 'marginalia.openArticle',
  openReading: 'marginalia.openReading',
  lookUpEntity: 'marginalia.lookUpEntity',
  findClaimsBySource: 'marginalia.findClaimsBySource',
  nextMention: 'marginalia.nextMention',
  previousMention: 'marginalia.previousMention',
  nextClaim: 'marginalia.nextClaim',
  previousClaim: 'marginalia.previousClaim',
  groupClaimsBy: 'marginalia.groupClaimsBy',
  toggleEntityTypes: 'marginalia.toggleEntityTypes',
  filterClaims: 'marginalia.filterClaims',
  clearClaimsFilter: 'marginalia.clearClaimsFilter',
  openArticleAsText: 'marginalia.openArticleAsText',
  copyToWorkspace: 'marginalia.copyToWorkspace',
  exportAnnotations: 'marginalia.exportAnnotations',
  importAnnotations: 'marginalia.importAnnotations',
  /** src/vscode/newReading.ts: the Explorer's context menu on articles, the views' welcome content. */
  newReading: 'marginalia.newReading',
  importWebPage: 'marginalia.importWebPage',
} as const;

/** Commands for tree items, hover links and tests: declared, but hidden from the palette. */
export const InternalCommands = {
  reveal: 'marginalia.reveal',
  /** Tree rows and hover links: reveal a target in the reader and in visible editors of the article. */
  showTarget: 'marginalia.showTarget',
  /** Tests and benchmarks: what the views and editor decorations currently show. */
  inspectViews: 'marginalia.inspectViews',
  /** Suggestions view rows: make a suggestion current and show it in the reader and editors. */
  revealSuggestion: 'marginalia.revealSuggestion',
  /** Tests: the review queue of a reading (suggestions, current, history length). */
  inspectSuggestions: 'marginalia.inspectSuggestions',
  /** Tests: the corpus index once it has caught up, and what the corpus views show. */
  inspectCorpus: 'marginalia.inspectCorpus',
  /** Cards and report cells: the places of an entity (or a cell) across the corpus, to pick one and go there. */
  showCorpusInstances: 'marginalia.showCorpusInstances',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands] | (typeof InternalCommands)[keyof typeof InternalCommands];
