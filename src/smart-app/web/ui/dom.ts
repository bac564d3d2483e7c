/** A child of `h()`: text, a node, nothing, or a list of those. */
export type Child = string | Node | null | undefined | false | readonly Child[];

type Handler = (event: Event) => void;
export type Attrs = Readonly<Record<string, string | number | boolean | undefined | Handler>>;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (typeof child === 'string') parent.appendChild(document.createTextNode(child));
  else if (Array.isArray(child)) for (const c of child as readonly Child[]) append(parent, c);
  else parent.appendChild(child as Node);
}

function setAttribute(element: HTMLElement, name: string, value: Attrs[string]): void {
  if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
  else if (value === true) element.setAttribute(name, '');
  else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
}

/**
 * Creates an element. Text is always a text node (never parsed as HTML), so nothing from the record or the form
 * can inject markup; `on…` attributes become event listeners (the CSP forbids inline handlers anyway).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) setAttribute(element, name, value);
  append(element, children);
  return element;
}

/** Focuses an element without the URL changing (no `#fragment` navigation) and brings it into view. */
export function focusElement(element: HTMLElement | null): void {
  if (!element) return;
  if (!element.hasAttribute('tabindex') && !/^(INPUT|BUTTON|SELECT|TEXTAREA|A)$/.test(element.tagName)) {
    element.setAttribute('tabindex', '-1');
  }
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: 'center' });
}

/** A button that looks and works like an in-page link but never touches the URL. */
export function linkButton(label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  return h('button', { type: 'button', class: 'link-button', ...attrs, onclick: () => onClick() }, label);
}
