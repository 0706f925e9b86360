// Every command id in one place; the manifest test checks package.json against this table.

export const Commands = {
  openArticle: 'marginalia.openArticle',
  openReading: 'marginalia.openReading',
} as const;

/** Commands for tree items, hover links and tests: declared, but hidden from the palette. */
export const InternalCommands = {
  reveal: 'marginalia.reveal',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands] | (typeof InternalCommands)[keyof typeof InternalCommands];
