import { eventually } from '../../src/event-store/contract/test-events';

type Condition = () => Promise<boolean> | boolean;

/** Polls until `condition` holds, or fails naming `what` after the timeout. */
export async function until(what: string, condition: Condition, timeoutMs = 10_000): Promise<void> {
  await eventually(async () => ((await condition()) ? true : undefined), what, timeoutMs);
}

/** `until` with another default timeout, for a file whose waits are all longer. */
export const untilWithin =
  (defaultTimeoutMs: number) =>
  (what: string, condition: Condition, timeoutMs = defaultTimeoutMs): Promise<void> =>
    until(what, condition, timeoutMs);
