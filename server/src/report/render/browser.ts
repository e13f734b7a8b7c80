/**
 * The report page's script: zoom, pan, filter and focus on the ER diagram, and, inside VS Code, links
 * that open the exact position and export buttons. It runs in the page, not in Node: the HTML renderer
 * inlines `reportPageScript.toString()` in a nonce'd <script>, so the webview and an exported file run
 * the same code with no external resource. It must therefore reference nothing outside its own body.
 *
 * The server's TypeScript program has no DOM library (and must not get one globally), so the few DOM
 * shapes used are declared here, module-local.
 */

interface ClassList {
  add(...c: string[]): void;
  remove(...c: string[]): void;
  toggle(c: string, force?: boolean): boolean;
  contains(c: string): boolean;
}

interface El {
  classList: ClassList;
  value: string;
  open: boolean;
  clientWidth: number;
  clientHeight: number;
  textContent: string | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  closest(selector: string): El | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
  addEventListener(type: string, listener: (event: Evt) => void, options?: { passive?: boolean }): void;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  scrollIntoView(options?: { block?: string; behavior?: string }): void;
  setPointerCapture(id: number): void;
  focus(): void;
}

interface Evt {
  target: El | null;
  key: string;
  deltaY: number;
  clientX: number;
  clientY: number;
  pointerId: number;
  button: number;
  deltaX: number;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  preventDefault(): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const document: El & { documentElement: El; getElementById(id: string): El | null };
declare const window: { addEventListener(type: string, listener: () => void): void; scrollY: number; scrollTo(x: number, y: number): void };
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export function reportPageScript(): void {
  interface ViewState {
    x: number;
    y: number;
    k: number;
    detail: string;
    filter: string;
    focus: string;
    scrollY: number;
  }
  const vscode: VsCodeApi | undefined = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  if (vscode) document.documentElement.classList.add('vscode');

  // Links and buttons: in VS Code they become messages to the extension; in a file they stay links.
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (!target || !vscode) return;
    const loc = target.closest('a[data-uri]');
    if (loc) {
      event.preventDefault();
      const n = (name: string) => Number(loc.getAttribute(name) ?? 0);
      vscode.postMessage({
        type: 'open',
        uri: loc.getAttribute('data-uri'),
        range: { start: { line: n('data-line'), character: n('data-character') }, end: { line: n('data-end-line'), character: n('data-end-character') } },
      });
      return;
    }
    const doc = target.closest('a[data-rule]');
    if (doc) {
      event.preventDefault();
      vscode.postMessage({ type: 'docs', rule: doc.getAttribute('data-rule') });
      return;
    }
    const exp = target.closest('button[data-export]');
    if (exp) vscode.postMessage({ type: 'export', format: exp.getAttribute('data-export') });
  });

  const svg = document.querySelector('svg.er');
  const canvas = document.querySelector('.canvas');
  const viewport = svg?.querySelector('.er-viewport');
  const filterInput = document.querySelector('#er-filter');
  const saved = (vscode?.getState() ?? undefined) as Partial<ViewState> | undefined;
  const state: ViewState = { x: 0, y: 0, k: 1, detail: '', filter: '', focus: '', scrollY: 0, ...(saved ?? {}) };
  const save = () => vscode?.setState({ ...state, scrollY: window.scrollY });
  window.addEventListener('scroll', save);

  if (!svg || !canvas || !viewport) return;
  const pad = Number(svg.getAttribute('data-pad') ?? 20);
  const layers = Array.from(svg.querySelectorAll('.er-layer'));
  const layerOf = (detail: string) => layers.find((l) => l.getAttribute('data-detail') === detail) ?? layers[0];

  const apply = () => {
    viewport.setAttribute('transform', `translate(${state.x.toFixed(1)},${state.y.toFixed(1)}) scale(${state.k.toFixed(4)})`);
    save();
  };
  const size = () => ({ w: canvas.clientWidth || 800, h: canvas.clientHeight || 500 });
  // Below this scale the 12px text of a box is no longer readable: Fit stops there and the rest of a
  // large diagram is one drag or scroll away, rather than all of it drawn as thumbnails.
  const READABLE = 0.75;
  const layerSize = () => {
    const layer = layerOf(state.detail);
    return { w: Number(layer.getAttribute('data-width')), h: Number(layer.getAttribute('data-height')) };
  };
  /** Scale and translation that show the drawing's rectangle (x, y, w, h): centred, or from its top-left corner when it does not fit. */
  const show = (x: number, y: number, w: number, h: number, k: number) => {
    const { w: cw, h: ch } = size();
    state.k = k;
    state.x = w * k + 2 * pad * k <= cw ? cw / 2 - (x + w / 2) * k : (pad - x) * k;
    state.y = h * k + 2 * pad * k <= ch ? ch / 2 - (y + h / 2) * k : (pad - y) * k;
    apply();
  };
  const fit = () => {
    const { w, h } = layerSize();
    const { w: cw, h: ch } = size();
    const whole = Math.min(cw / (w + 2 * pad), ch / (h + 2 * pad), 1.5);
    // Too big to read whole: as wide as the canvas allows, never below readable.
    show(0, 0, w, h, whole >= READABLE ? whole : Math.max(READABLE, Math.min(cw / (w + 2 * pad), 1)));
  };
  const zoomAt = (factor: number, cx: number, cy: number) => {
    const k = Math.max(0.05, Math.min(4, state.k * factor));
    state.x = cx - ((cx - state.x) * k) / state.k;
    state.y = cy - ((cy - state.y) * k) / state.k;
    state.k = k;
    apply();
  };
  /** The centre of the visible part of the drawing (of the whole drawing when none of it is visible). */
  const visibleCentre = () => {
    const { w, h } = layerSize();
    const { w: cw, h: ch } = size();
    const left = state.x;
    const top = state.y;
    const right = state.x + w * state.k;
    const bottom = state.y + h * state.k;
    const l = Math.max(0, left);
    const t = Math.max(0, top);
    const r = Math.min(cw, right);
    const b = Math.min(ch, bottom);
    return r > l && b > t ? { x: (l + r) / 2, y: (t + b) / 2 } : { x: (left + right) / 2, y: (top + bottom) / 2 };
  };
  /** A table's box in drawing coordinates. */
  const boxOf = (n: El) => {
    const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(n.getAttribute('transform') ?? '');
    const rect = n.querySelector('.er-box');
    return { x: Number(m?.[1] ?? 0), y: Number(m?.[2] ?? 0), w: Number(rect?.getAttribute('width') ?? 120), h: Number(rect?.getAttribute('height') ?? 80) };
  };
  /** Brings the given tables into view when some are out of it, at the current scale or as far out as readable. */
  const reveal = (nodes: El[]) => {
    if (!nodes.length) return;
    const boxes = nodes.map(boxOf);
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    const w = Math.max(...boxes.map((b) => b.x + b.w)) - x;
    const h = Math.max(...boxes.map((b) => b.y + b.h)) - y;
    const { w: cw, h: ch } = size();
    const inView = (b: { x: number; y: number; w: number; h: number }) =>
      state.x + b.x * state.k >= 0 && state.y + b.y * state.k >= 0 && state.x + (b.x + b.w) * state.k <= cw && state.y + (b.y + b.h) * state.k <= ch;
    if (boxes.every(inView)) return;
    const fits = Math.min(cw / (w + 2 * pad), ch / (h + 2 * pad));
    show(x, y, w, h, Math.min(state.k, Math.max(fits, Math.min(state.k, READABLE))));
  };
  const showDetail = (detail: string) => {
    state.detail = layerOf(detail).getAttribute('data-detail') ?? '';
    for (const l of layers) {
      if (l.getAttribute('data-detail') === state.detail) l.removeAttribute('visibility');
      else l.setAttribute('visibility', 'hidden');
    }
    const toggle = document.querySelector('#er-detail');
    if (toggle) toggle.textContent = state.detail === 'keys' ? 'Show all columns' : 'Show key columns only';
    highlight();
  };

  // Which tables are lit: the focused table and its neighbours, or the tables matching the filter.
  const highlight = () => {
    const layer = layerOf(state.detail);
    const nodes = Array.from(layer.querySelectorAll('.er-node'));
    const edges = Array.from(layer.querySelectorAll('.er-edge'));
    const lit = new Set<string>();
    const filter = state.filter.trim().toLowerCase();
    if (state.focus) {
      lit.add(state.focus);
      for (const e of edges) {
        const p = e.getAttribute('data-parent') ?? '';
        const c = e.getAttribute('data-child') ?? '';
        if (p === state.focus) lit.add(c);
        if (c === state.focus) lit.add(p);
      }
    } else if (filter) {
      for (const n of nodes) if ((n.getAttribute('data-name') ?? '').includes(filter)) lit.add(n.getAttribute('data-key') ?? '');
    }
    const dim = !!state.focus || !!filter;
    svg.classList.toggle('dimmed', dim);
    for (const n of nodes) n.classList.toggle('lit', dim && lit.has(n.getAttribute('data-key') ?? ''));
    for (const e of edges) {
      const both = lit.has(e.getAttribute('data-parent') ?? '') && lit.has(e.getAttribute('data-child') ?? '');
      const touches = !!state.focus && (e.getAttribute('data-parent') === state.focus || e.getAttribute('data-child') === state.focus);
      e.classList.toggle('lit', dim && (state.focus ? touches : both));
    }
    // The table list follows the filter, so a long schema can be searched in one place.
    for (const d of Array.from(document.querySelectorAll('details.table'))) {
      d.classList.toggle('hidden-by-filter', !!filter && !(d.getAttribute('data-name') ?? '').includes(filter));
    }
    save();
  };
  const centerOn = (key: string) => {
    const node = layerOf(state.detail).querySelector(`.er-node[data-key="${key.replace(/["\\]/g, '\\$&')}"]`);
    if (!node) return;
    const b = boxOf(node);
    show(b.x, b.y, b.w, b.h, Math.max(state.k, 0.8));
  };

  // The wheel scrolls the drawing; with Ctrl (or Cmd, or a pinch, which browsers report as Ctrl) it zooms
  // around the pointer. Dragging the background pans.
  canvas.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      if (event.ctrlKey || event.metaKey) {
        const r = canvas.getBoundingClientRect();
        // A pinch sends small steps, a mouse wheel notch about 100: each notch zooms by about a fifth.
        zoomAt(Math.exp(-Math.sign(event.deltaY) * Math.min(Math.abs(event.deltaY) * 0.01, 0.2)), event.clientX - r.left, event.clientY - r.top);
      } else {
        state.x -= event.shiftKey && !event.deltaX ? event.deltaY : event.deltaX;
        state.y -= event.shiftKey && !event.deltaX ? 0 : event.deltaY;
        apply();
      }
    },
    { passive: false },
  );
  // The table under the pointer is read at pointerdown. The canvas captures the pointer only once a
  // drag starts: captured events name the canvas as their target, and a click or double-click on a
  // table must still name the table.
  let drag: { x: number; y: number; moved: boolean; node: string } | undefined;
  canvas.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    const node = event.target?.closest('.er-node')?.getAttribute('data-key') ?? '';
    drag = { x: event.clientX, y: event.clientY, moved: false, node };
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moved) canvas.setPointerCapture(event.pointerId);
    drag.moved = true;
    canvas.classList.add('panning');
    state.x += dx;
    state.y += dy;
    drag.x = event.clientX;
    drag.y = event.clientY;
    apply();
  });
  canvas.addEventListener('pointerup', () => {
    const ended = drag;
    drag = undefined;
    canvas.classList.remove('panning');
    if (!ended || ended.moved) return;
    // A click (no drag): focus the table under the pointer (again: unfocus), or clear it on the background.
    state.focus = ended.node && ended.node !== state.focus ? ended.node : '';
    highlight();
  });
  svg.addEventListener('dblclick', (event) => {
    const key = event.target?.closest('.er-node')?.getAttribute('data-key');
    if (!key) return;
    const details = Array.from(document.querySelectorAll('details.table')).find((d) => d.getAttribute('data-key') === key);
    if (details) {
      details.open = true;
      details.scrollIntoView({ block: 'start' });
    }
  });
  svg.addEventListener('keydown', (event) => {
    const key = event.target?.closest('.er-node')?.getAttribute('data-key');
    if (key && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      state.focus = key === state.focus ? '' : key;
      highlight();
    }
  });

  const button = (id: string, fn: () => void) => document.querySelector(id)?.addEventListener('click', fn);
  // Buttons zoom around the middle of what is in view, so the tables on screen stay there.
  button('#er-zoom-in', () => {
    const c = visibleCentre();
    zoomAt(1.25, c.x, c.y);
  });
  button('#er-zoom-out', () => {
    const c = visibleCentre();
    zoomAt(0.8, c.x, c.y);
  });
  button('#er-fit', fit);
  button('#er-detail', () => {
    showDetail(state.detail === 'keys' ? 'columns' : 'keys');
    fit();
  });
  filterInput?.addEventListener('input', () => {
    state.filter = filterInput.value;
    state.focus = '';
    highlight();
    // The matches come into view when some are out of it.
    if (state.filter.trim()) reveal(Array.from(layerOf(state.detail).querySelectorAll('.er-node.lit')));
  });
  filterInput?.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    const f = state.filter.trim().toLowerCase();
    const first = Array.from(layerOf(state.detail).querySelectorAll('.er-node')).find((n) => (n.getAttribute('data-name') ?? '').includes(f));
    if (first) centerOn(first.getAttribute('data-key') ?? '');
  });

  // Start where the user left off (the panel re-renders on every change), or fitted.
  svg.setAttribute('viewBox', `0 0 ${size().w} ${size().h}`);
  window.addEventListener('resize', () => svg.setAttribute('viewBox', `0 0 ${size().w} ${size().h}`));
  if (filterInput) filterInput.value = state.filter;
  showDetail(state.detail || (svg.getAttribute('data-initial') ?? ''));
  if (saved && typeof saved.k === 'number') {
    apply();
    if (saved.scrollY) window.scrollTo(0, saved.scrollY);
  } else fit();
}
