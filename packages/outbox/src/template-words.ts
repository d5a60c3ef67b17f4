import type { TemplateContext } from './templates';

/** The opening line, with the buyer's name when the app knows it. */
export function greeting(context: TemplateContext): string {
  return context.buyerName === undefined ? 'Hello,' : `Hello ${context.buyerName},`;
}

/** A day as a buyer reads it: "Thursday 5 March". */
export function day(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
}
