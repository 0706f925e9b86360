// The one way to hold Disposables: a base class whose `_register` collects them (the shape VS Code's own
// Markdown extension uses), disposed in reverse order, once.

import * as vscode from 'vscode';

export abstract class Disposable implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.disposables.push(d);
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}

/** A feature's registrations as one Disposable, for `register*(deps): vscode.Disposable` functions. */
export class Registrations extends Disposable {
  add<T extends vscode.Disposable>(d: T): T {
    return this._register(d);
  }
}
