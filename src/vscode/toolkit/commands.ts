// The one way commands are registered: every body runs guarded, so nothing is thrown into VS Code. A
// `UserError` becomes a warning naming what to do; anything else is logged (with its stack) to the Marginalia
// output channel and shown as an error. The body's result is returned to `executeCommand` callers (tests).

import * as vscode from 'vscode';
import type { CommandId } from '../commandIds';
import { errorMessage, UserError } from './errors';

export interface CommandContext {
  log: vscode.LogOutputChannel;
}

/** What a guarded body resolves to when it failed: the message, for callers that check. */
export interface CommandFailure {
  ok: false;
  message: string;
}

export function registerCommand<R>(ctx: CommandContext, id: CommandId, title: string, body: (...args: unknown[]) => R | Promise<R>): vscode.Disposable {
  return vscode.commands.registerCommand(id, (...args: unknown[]) => runGuarded(ctx, title, () => body(...args)));
}

export async function runGuarded<R>(ctx: CommandContext, title: string, body: () => R | Promise<R>): Promise<R | CommandFailure> {
  try {
    return await body();
  } catch (e) {
    const message = errorMessage(e);
    if (e instanceof UserError) void warn(message, e);
    else {
      ctx.log.error(`${title}: ${e instanceof Error && e.stack ? e.stack : message}`);
      void vscode.window.showErrorMessage(`Marginalia: ${title} failed: ${message}`);
    }
    return { ok: false, message };
  }
}

/** The warning for a `UserError`; its action, when it has one, is a button that runs it. */
async function warn(message: string, e: UserError): Promise<void> {
  const { action } = e;
  const choice = await vscode.window.showWarningMessage(`Marginalia: ${message}`, ...(action ? [action.title] : []));
  if (action && choice === action.title) await vscode.commands.executeCommand(action.command, ...action.args);
}

/** For fire-and-forget work outside a command (listeners, start-up): failures reach the log, never silence. */
export function logFailure(log: vscode.LogOutputChannel, what: string): (e: unknown) => void {
  return (e) => log.error(`${what}: ${e instanceof Error && e.stack ? e.stack : errorMessage(e)}`);
}
