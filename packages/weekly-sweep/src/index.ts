/**
 * @order-ledger/weekly-sweep: the weekly report where the read models meet.
 */

export { type Revenue, type RevenueFigures, revenue } from './revenue';
export { type OutgrownSign, outgrownSigns, type SweepInput, type WeeklySweep, weeklySweep } from './weekly-sweep';
