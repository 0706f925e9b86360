// The few DOM members the page walk uses, as types of our own: the core is compiled without the DOM library,
// and linkedom's documents satisfy these structurally.

export interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

export interface DomElement extends DomNode {
  tagName: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
}

export interface DomDocument {
  querySelector(selector: string): DomElement | null;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === 1;
}

/** An element's text with white space collapsed; '' for none. */
export function textOf(el: DomElement | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
