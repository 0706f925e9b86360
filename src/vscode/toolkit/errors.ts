// Errors the user can act on, as opposed to bugs. A command body throws `UserError` for "select some text
// first" or "the file is read-only"; the command helper shows it as a warning. Anything else is unexpected:
// logged with its stack to the Marginalia output channel and shown as an error.

import type { CommandId } from '../commandIds';

/** What the user can do about it, offered as a button on the warning (a command with its arguments). */
export interface UserAction {
  title: string;
  command: CommandId;
  args: unknown[];
}

export class UserError extends Error {
  constructor(
    message: string,
    readonly action?: UserAction,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
