// The questions the editing commands ask, behind a small interface so the question flows (questions.ts) run in
// unit tests with scripted answers. The VS Code implementation maps them onto quick picks and input boxes. No
// `vscode` import here.

export interface PromptItem<T> {
  label: string;
  description?: string;
  detail?: string;
  /** What choosing the item means; items without one (separators) cannot be chosen. */
  value?: T;
  separator?: boolean;
  picked?: boolean;
}

export interface InputOptions {
  title: string;
  value?: string;
  placeHolder?: string;
  prompt?: string;
  /** A message when the value is not acceptable. */
  validate?: (value: string) => string | undefined;
}

export interface Prompts {
  /** One item, or undefined when the user cancels. */
  pick<T>(items: readonly PromptItem<T>[], options: { title: string; placeHolder?: string }): Promise<T | undefined>;
  /** Several items (possibly none), or undefined when the user cancels. */
  pickMany<T>(items: readonly PromptItem<T>[], options: { title: string; placeHolder?: string; onActive?: (value: T) => void }): Promise<T[] | undefined>;
  input(options: InputOptions): Promise<string | undefined>;
}
