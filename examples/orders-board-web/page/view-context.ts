/** What a view may ask of the page around it. */
export interface ViewContext {
  /**
   * Runs a command from a button: every button is disabled meanwhile, a refusal is shown in the
   * ledger's own words, and the view is read again afterwards (live updates would too).
   */
  act(work: () => Promise<void>): Promise<void>;
}
