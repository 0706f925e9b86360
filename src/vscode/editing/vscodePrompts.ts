// The Prompts of the editing commands as VS Code quick picks and input boxes. File text in labels is shown with
// its invisible characters made visible and `$(…)` kept literal (picker rows would draw it as an icon).

import * as vscode from 'vscode';
import { visibleControls } from '../../core/text';
import type { InputOptions, PromptItem, Prompts } from './prompts';

/** A picker row's text as typed: invisible characters visible, `$(name)` not drawn as an icon. */
export function pickerText(text: string): string {
  return visibleControls(text).replace(/\$\(/g, '\\$(');
}

type Row<T> = vscode.QuickPickItem & { value?: T };

/**
 * The questions of one annotation are several prompts in a row, often started from the reader. After the palette
 * closes, the workbench hands the focus back to the reader's webview, which takes it asynchronously, sometimes just
 * after the next prompt opened: a prompt that closed on losing the focus dropped the answers given so far. So they
 * stay open until answered or cancelled with Escape, as in VS Code's multi-step input sample.
 */
const STAY_OPEN = { ignoreFocusOut: true } as const;

function rows<T>(items: readonly PromptItem<T>[]): Row<T>[] {
  return items.map((i) =>
    i.separator
      ? { label: pickerText(i.label), kind: vscode.QuickPickItemKind.Separator }
      : {
          label: pickerText(i.label),
          ...(i.description !== undefined ? { description: pickerText(i.description) } : {}),
          ...(i.detail !== undefined ? { detail: pickerText(i.detail) } : {}),
          ...(i.picked ? { picked: true } : {}),
          ...(i.value !== undefined ? { value: i.value } : {}),
        },
  );
}

export const vscodePrompts: Prompts = {
  async pick(items, options) {
    const pick = await vscode.window.showQuickPick(rows(items), { ...options, ...STAY_OPEN, matchOnDescription: true, matchOnDetail: true });
    return pick?.value;
  },
  async pickMany<T>(items: readonly PromptItem<T>[], { onActive, ...options }: { title: string; placeHolder?: string; onActive?: (value: T) => void }) {
    const onDidSelectItem = (item: vscode.QuickPickItem): void => {
      const value = (item as Row<T>).value;
      if (value !== undefined) onActive?.(value);
    };
    // Moving through the list shows each item in the article, so the user reviews in context.
    const picks = await vscode.window.showQuickPick(rows(items), {
      ...options,
      ...STAY_OPEN,
      canPickMany: true,
      matchOnDescription: true,
      ...(onActive ? { onDidSelectItem } : {}),
    });
    return picks?.flatMap((p) => (p.value !== undefined ? [p.value] : []));
  },
  async input(options: InputOptions) {
    return vscode.window.showInputBox({
      title: options.title,
      ...STAY_OPEN,
      ...(options.value !== undefined ? { value: options.value } : {}),
      ...(options.placeHolder !== undefined ? { placeHolder: options.placeHolder } : {}),
      ...(options.prompt !== undefined ? { prompt: options.prompt } : {}),
      ...(options.validate ? { validateInput: options.validate } : {}),
    });
  },
};
