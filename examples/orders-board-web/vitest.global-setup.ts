import { buildPageIfStale } from './src/build-page';

/** The end-to-end test serves the built page: build it first when missing or older than its sources. */
export async function setup(): Promise<void> {
  await buildPageIfStale();
}
