import './style.css';
import { ApiProblem } from './api';
import { boardView } from './board-view';
import { customerView } from './customer-view';
import { h, link } from './dom';
import { followLedger } from './live';
import { orderView } from './order-view';
import { stockView } from './stock-view';
import { sweepView } from './sweep-view';
import type { ViewContext } from './view-context';

const root = document.querySelector<HTMLElement>('#app');
if (root === null) throw new Error('index.html has no #app element');

const indicator = h('span', { class: 'live', role: 'status' }, 'connecting…');
const problem = h('div', { class: 'problem', role: 'alert', hidden: true });
const main = h('main', {});
const find = h(
  'form',
  {
    class: 'find',
    onsubmit: (event: Event) => {
      event.preventDefault();
      const data = new FormData(event.target as HTMLFormElement);
      const id = String(data.get('id') ?? '').trim();
      if (id !== '') location.hash = `/${String(data.get('kind'))}/${encodeURIComponent(id)}`;
    },
  },
  h(
    'select',
    { name: 'kind', 'aria-label': 'Find' },
    h('option', { value: 'orders' }, 'Order'),
    h('option', { value: 'customers' }, 'Customer'),
  ),
  h('input', { name: 'id', placeholder: 'id', 'aria-label': 'Id to find' }),
  h('button', { type: 'submit' }, 'Open'),
);
root.append(
  h(
    'header',
    {},
    h('nav', {}, link('/', 'Board'), link('/stock', 'Stock'), link('/sweep', 'Weekly sweep')),
    find,
    indicator,
  ),
  problem,
  main,
);

function showProblem(error: unknown): void {
  problem.hidden = false;
  problem.textContent = error instanceof ApiProblem ? error.message : `Something went wrong: ${String(error)}`;
}

const context: ViewContext = {
  async act(work) {
    for (const button of main.querySelectorAll('button')) button.disabled = true;
    problem.hidden = true;
    try {
      await work();
    } catch (error) {
      showProblem(error);
    }
    await refresh();
  },
};

/** The view the address names: `#/`, `#/orders/ID`, `#/customers/ID`, `#/stock`, `#/sweep`. */
function viewFor(route: string): Promise<HTMLElement> {
  const [, kind, id] = route.split('/');
  if (kind === 'orders' && id !== undefined) return orderView(decodeURIComponent(id), context);
  if (kind === 'customers' && id !== undefined) return customerView(decodeURIComponent(id));
  if (kind === 'stock') return stockView();
  if (kind === 'sweep') return sweepView();
  return boardView();
}

let rendering: Promise<void> | undefined;
let again = false;

/** Reads the current view and shows it; a refresh asked for meanwhile runs once after. */
function refresh(): Promise<void> {
  if (rendering !== undefined) {
    again = true;
    return rendering;
  }
  rendering = (async () => {
    do {
      again = false;
      const route = location.hash.replace(/^#/, '') || '/';
      try {
        const view = await viewFor(route);
        main.replaceChildren(view);
        main.dataset.route = route;
      } catch (error) {
        main.replaceChildren(h('p', { class: 'empty' }, error instanceof ApiProblem ? error.message : String(error)));
      }
    } while (again);
    rendering = undefined;
  })();
  return rendering;
}

window.addEventListener('hashchange', () => {
  problem.hidden = true;
  void refresh();
});
followLedger({
  onMoved: () => void refresh(),
  onState: (state) => {
    indicator.textContent = state === 'live' ? '● live' : '○ reconnecting…';
    indicator.dataset.state = state;
  },
});
void refresh();
