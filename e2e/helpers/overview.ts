import { expect, type Locator, type Page } from "@playwright/test";

/** Fails fast with a clear message when the globalSetup did not provide an app URL. */
export function requireBaseUrl(baseURL: string | undefined): string {
  if (!baseURL) throw new Error("MESHDECK_E2E_BASE_URL is not set: the e2e globalSetup must start the lab and the app");
  return baseURL;
}

/** The VirtualServices table of one namespace group. */
export function virtualServicesTable(page: Page, namespace: string): Locator {
  return page.getByRole("table", { name: `VirtualServices in ${namespace}`, exact: true });
}

/** The row of one VirtualService, found by its row header (the VirtualService name). */
export function virtualServiceRow(page: Page, namespace: string, name: string): Locator {
  return virtualServicesTable(page, namespace)
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name, exact: true }) });
}

/** The destination list of one HTTP route (by name, or "#1" for the first unnamed route). */
export function routeDestinations(row: Locator, route: string): Locator {
  return row.getByRole("list", { name: `Destinations of route ${route}`, exact: true });
}

/** Asserts a destination item shows `host` with `weight` percent. */
export async function expectDestination(destinations: Locator, host: string, weight: number): Promise<void> {
  const item = destinations.getByRole("listitem").filter({ hasText: host });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`${weight}%`);
}
