// Editing an annotation file as text. Every action computes the whole new file text and the one minimal
// replacement that makes it (what a WorkspaceEdit or a file write applies), checked by parsing it again. The
// modules: text (format, replacement, items by id), ids, draft (modify calls + validation), actions, selectors.

export * from './edit/actions';
export * from './edit/batch';
export * from './edit/draft';
export * from './edit/ids';
export * from './edit/selectors';
export * from './edit/text';
export * from './edit/types';
