// The panel's own controls, above the report: scope, filters and export. Real form controls with
// labels, so they work with the keyboard and a screen reader as any form does. Owner names come
// from portfolio files: they are put in as text, and the <select> values are list indexes, so no
// file text ever becomes an attribute.
import { visibleText } from '../../core/summary/report/view';
import type { ExportFormat, Filters, Scope, SummaryMessage } from '../protocol';

export interface ControlEvents {
  scope(scope: Scope): void;
  filter(filters: Filters): void;
  export(format: ExportFormat): void;
  compare(): void;
  clearComparison(): void;
}

const EXPORTS: Array<{ format: ExportFormat; label: string }> = [
  { format: 'md', label: 'Markdown' },
  { format: 'csv', label: 'CSV' },
  { format: 'html', label: 'HTML' },
  { format: 'xlsx', label: 'Excel' },
];

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function labelled(id: string, label: string, control: HTMLElement): HTMLElement {
  const wrap = element('div', 'control');
  const caption = element('label', undefined, label);
  caption.htmlFor = id;
  control.id = id;
  wrap.append(caption, control);
  return wrap;
}

function option(value: string, text: string): HTMLOptionElement {
  const node = element('option', undefined, text);
  node.value = value;
  return node;
}

export class Controls {
  readonly root = element('form', 'controls');
  private readonly folderRadio = this.radio('folder');
  private readonly fileRadio = this.radio('file');
  private readonly folderLabel = element('span', 'scope-name');
  private readonly fileLabel = element('span', 'scope-name');
  private readonly owner = element('select');
  private readonly status = element('select');
  /** The choices behind the <select> indexes, as last received. */
  private owners: string[] = [];
  private statuses: Array<NonNullable<Filters['status']>> = [];
  private excelButton: HTMLButtonElement | undefined;
  private readonly compareButton = element('button', 'secondary compare', 'Compare with…');
  private readonly clearButton = element('button', 'secondary clear-comparison', 'Clear comparison');
  /** Why Compare with… is off, or what it compares with: text, read with the button. */
  private readonly compareNote = element('span', 'compare-note');

  constructor(private readonly events: ControlEvents) {
    this.root.setAttribute('aria-label', 'Summary options');
    // Nothing here submits: Enter in a control must not reload the page.
    this.root.addEventListener('submit', (event) => event.preventDefault());
    this.root.append(
      this.scopeGroup(),
      labelled('owner-filter', 'Owner', this.owner),
      labelled('status-filter', 'Status', this.status),
      this.exportGroup(),
      this.compareGroup(),
    );
    this.owner.addEventListener('change', () => this.events.filter(this.filters()));
    this.status.addEventListener('change', () => this.events.filter(this.filters()));
  }

  private radio(value: Scope): HTMLInputElement {
    const input = element('input');
    input.type = 'radio';
    input.name = 'scope';
    input.value = value;
    input.id = `scope-${value}`;
    input.addEventListener('change', () => {
      if (input.checked) this.events.scope(value);
    });
    return input;
  }

  private scopeGroup(): HTMLElement {
    // A labelled radiogroup rather than a fieldset: a legend does not lay out like the other captions.
    const group = element('div', 'scope');
    group.setAttribute('role', 'radiogroup');
    group.setAttribute('aria-labelledby', 'scope-label');
    const caption = element('span', 'scope-label', 'Scope');
    caption.id = 'scope-label';
    group.append(caption);
    for (const [input, caption, name] of [
      [this.folderRadio, 'Whole folder', this.folderLabel],
      [this.fileRadio, 'This file', this.fileLabel],
    ] as const) {
      const label = element('label', 'scope-option');
      label.htmlFor = input.id;
      label.append(`${caption} `, name);
      group.append(input, label);
    }
    return group;
  }

  private exportGroup(): HTMLElement {
    const group = element('div', 'export');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-labelledby', 'export-label');
    const caption = element('span', 'export-label', 'Export');
    caption.id = 'export-label';
    group.append(caption);
    for (const { format, label } of EXPORTS) {
      const button = element('button', 'secondary', label);
      button.type = 'button';
      button.setAttribute('aria-label', `Export ${label}`);
      button.dataset.format = format;
      button.addEventListener('click', () => this.events.export(format));
      if (format === 'xlsx') this.excelButton = button;
      group.append(button);
    }
    return group;
  }

  private compareGroup(): HTMLElement {
    const group = element('div', 'compare-group');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Compare with git');
    this.compareNote.id = 'compare-note';
    this.compareButton.setAttribute('aria-describedby', 'compare-note');
    for (const button of [this.compareButton, this.clearButton]) button.type = 'button';
    this.compareButton.addEventListener('click', () => this.events.compare());
    this.clearButton.addEventListener('click', () => this.events.clearComparison());
    this.clearButton.hidden = true;
    group.append(this.compareButton, this.clearButton, this.compareNote);
    return group;
  }

  private filters(): Filters {
    const owner = this.owners[Number(this.owner.value)];
    const status = this.statuses[Number(this.status.value)];
    return {
      owner: this.owner.value === '' || owner === undefined ? null : owner,
      status: this.status.value === '' || status === undefined ? null : status,
    };
  }

  /** Shows the host's scope, filters and choices; the controls themselves stay (and keep focus). */
  update(message: SummaryMessage): void {
    this.folderLabel.textContent = visibleText(message.folderName);
    this.fileLabel.textContent = message.file ? visibleText(message.file.name) : '(no portfolio file open)';
    this.fileRadio.disabled = message.file === null;
    // The web extension host cannot write XLSX: the button stays, disabled, and says why.
    if (this.excelButton) {
      this.excelButton.disabled = message.excelUnavailable !== undefined;
      this.excelButton.title = message.excelUnavailable ?? '';
    }
    this.folderRadio.checked = message.scope === 'folder';
    this.fileRadio.checked = message.scope === 'file';
    // A chosen owner that no longer owns anything stays listed, so the choice is visible.
    this.owners = [...message.owners];
    if (message.filters.owner !== null && !this.owners.includes(message.filters.owner)) this.owners.push(message.filters.owner);
    this.statuses = [...message.statuses];
    if (message.filters.status !== null && !this.statuses.includes(message.filters.status)) this.statuses.push(message.filters.status);
    this.fill(this.owner, 'All owners', this.owners, message.filters.owner);
    this.fill(this.status, 'All statuses', this.statuses, message.filters.status);
    const available = message.compare?.available ?? false;
    this.compareButton.disabled = !available;
    this.clearButton.hidden = !message.comparison;
    this.compareNote.textContent = !available
      ? visibleText(message.compare?.reason ?? 'Checking for git…')
      : message.comparison
        ? `Comparing with ${visibleText(message.comparison.ref)}`
        : '';
  }

  private fill(select: HTMLSelectElement, all: string, choices: readonly string[], chosen: string | null): void {
    select.replaceChildren(option('', all), ...choices.map((choice, i) => option(String(i), visibleText(choice))));
    select.value = chosen === null ? '' : String(choices.indexOf(chosen));
  }
}
