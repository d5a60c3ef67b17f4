import { deepStrictEqual, fail } from 'node:assert/strict';
import type { Decider } from '../decider';
import { fold } from '../decider';

/** What a `when` leads to, checked by one of the `then…` calls. */
export interface DeciderOutcome<State, Event> {
  /** The command yields exactly these events. */
  thenYields(expected: readonly Event[]): void;
  /** The command is refused with an error whose `code` is `code` (or that `predicate` accepts). */
  thenThrows(expected: string | ((error: unknown) => boolean)): void;
  /** The command is accepted and changes nothing (a retried payment, say). */
  thenNothingHappens(): void;
  /** The state after the given events and the command's events, for finer checks. */
  thenState(check: (state: State, events: readonly Event[]) => void): void;
}

/**
 * Given/when/then for deciders, with no store and no test framework needed:
 *
 * ```ts
 * const spec = deciderSpecification(orderDecider());
 * spec.given([placed, paid]).when(ship).thenYields([shipped]);
 * spec.given([placed]).when(ship).thenThrows('ORDER_NOT_PAID');
 * ```
 *
 * Failures throw `AssertionError`, which every test runner reports as a failed test.
 */
export function deciderSpecification<Command, State, Event>(decider: Decider<Command, State, Event>) {
  return {
    given(history: readonly Event[]) {
      return {
        when(command: Command): DeciderOutcome<State, Event> {
          const before = fold(decider, history);
          const run = (): readonly Event[] => decider.decide(command, before);
          return {
            thenYields(expected) {
              deepStrictEqual(run(), expected);
            },
            thenThrows(expected) {
              let events: readonly Event[];
              try {
                events = run();
              } catch (error) {
                const accepted =
                  typeof expected === 'string'
                    ? typeof error === 'object' && error !== null && 'code' in error && error.code === expected
                    : expected(error);
                if (!accepted) fail(`the command was refused, but not as expected: ${String(error)}`);
                return;
              }
              fail(`expected a refusal, but the command gave ${events.length} events: ${JSON.stringify(events)}`);
            },
            thenNothingHappens() {
              deepStrictEqual(run(), []);
            },
            thenState(check) {
              const events = run();
              check(fold(decider, events, before), events);
            },
          };
        },
      };
    },
  };
}
