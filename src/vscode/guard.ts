import * as vscode from 'vscode';
import { errorMessage } from './store';

/**
 * Wraps a command body so it never throws into VS Code: a failure becomes one clear message and a log line, and
 * the extension host keeps running.
 */
export function guardedCommand(log: vscode.LogOutputChannel) {
  return <A extends unknown[]>(name: string, body: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      try {
        await body(...args);
      } catch (e) {
        log.error(`${name}: ${errorMessage(e)}`);
        void vscode.window.showErrorMessage(`Marginalia: ${name} failed: ${errorMessage(e)}`);
      }
    };
}
