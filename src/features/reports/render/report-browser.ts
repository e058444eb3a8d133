// One headless Chromium (Debian's, as the browser tests use) shared by every PDF of a run: launching costs far
// more than printing, so `koe publish` and the tests open it once and close it at the end.
//
// playwright-core is loaded on the first PDF, not with the server: importing it took 0.7 s and 85 MB of every
// `koe serve` process that never prints a report.
import type { Browser } from "playwright-core";

/** Where Debian's chromium package puts the browser; KOE_CHROMIUM overrides it. */
export const CHROMIUM_PATH = process.env.KOE_CHROMIUM ?? "/usr/bin/chromium";

export interface ReportBrowser {
  browser(): Promise<Browser>;
  close(): Promise<void>;
}

export function reportBrowser(): ReportBrowser {
  let launching: Promise<Browser> | undefined;
  return {
    browser() {
      launching ??= import("playwright-core").then(({ chromium }) =>
        chromium.launch({
          executablePath: CHROMIUM_PATH,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
          ],
        }),
      );
      return launching;
    },
    async close() {
      const pending = launching;
      launching = undefined;
      if (pending) await (await pending).close();
    },
  };
}
